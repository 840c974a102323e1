package fr.socle.identity.internal;

import java.time.Instant;
import java.util.Objects;

/**
 * What a login must remember between the redirect to the provider and the callback.
 *
 * @param issuer the provider's issuer
 * @param clientId the client id
 * @param state the state sent
 * @param nonce the nonce sent
 * @param codeVerifier the PKCE verifier, null when PKCE is not used
 * @param acr the requested eIDAS level as an acr value, null when none was requested
 * @param createdAt when the login started
 */
public record LoginTransaction(
    String issuer,
    String clientId,
    String state,
    String nonce,
    String codeVerifier,
    String acr,
    Instant createdAt) {
  /** Checks the required fields. */
  public LoginTransaction {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  @Override
  public String toString() {
    return "LoginTransaction[issuer=" + issuer + ", createdAt=" + createdAt + "]";
  }
}
