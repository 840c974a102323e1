package fr.socle.identity;

import fr.socle.core.InvalidInputException;
import java.net.URI;
import java.util.Objects;

/**
 * The start of a login: where to send the browser, and the sealed transaction to keep until the
 * callback (in a {@code Secure; HttpOnly; SameSite=Lax} cookie or the session).
 *
 * <p>The sealed transaction is encrypted and authenticated, so it can travel through the browser;
 * any node holding the same transaction key can finish the login.
 *
 * @param authorizationUri the provider's authorization URL with every parameter
 * @param sealedTransaction the encrypted login transaction (compact JWE), opaque to the caller
 */
public record LoginStart(URI authorizationUri, String sealedTransaction) {
  /**
   * Checks that both values are present.
   *
   * @param authorizationUri the provider's authorization URL with every parameter
   * @param sealedTransaction the encrypted login transaction (compact JWE), opaque to the caller
   * @throws NullPointerException if one is null, naming it
   * @throws InvalidInputException if it is empty
   */
  public LoginStart {
    Objects.requireNonNull(authorizationUri, "authorizationUri");
    Objects.requireNonNull(sealedTransaction, "sealedTransaction");
    if (sealedTransaction.isEmpty()) {
      throw new InvalidInputException("sealedTransaction must not be empty");
    }
  }

  /** Redacts the state and nonce of the URL and the sealed transaction. */
  @Override
  public String toString() {
    return "LoginStart[" + fr.socle.core.Redaction.url(authorizationUri) + "]";
  }
}
