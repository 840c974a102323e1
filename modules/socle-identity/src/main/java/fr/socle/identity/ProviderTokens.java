package fr.socle.identity;

import fr.socle.core.Secret;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The provider's tokens from a login or a refresh: the access token, when it expires according to
 * the provider's {@code expires_in} (60 seconds on FranceConnect, up to an hour on ProConnect), and
 * the refresh token ProConnect may issue (valid two hours). Only a client built with {@link
 * IdentityClientBuilder#keepProviderTokens(boolean)} keeps them; otherwise they are dropped as soon
 * as the identity is verified.
 *
 * <p>The tokens are {@link Secret}s: they never appear in {@link #toString()} or in Socle's logs.
 * Keep them server-side only. Immutable and thread-safe.
 */
public final class ProviderTokens {
  private final Secret accessToken;
  private final Instant expiresAt;
  private final Secret refreshToken;

  ProviderTokens(Secret accessToken, Instant expiresAt, Secret refreshToken) {
    this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
    this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    this.refreshToken = refreshToken;
  }

  /**
   * Returns the access token (opaque on FranceConnect and ProConnect).
   *
   * @return the token
   */
  public Secret accessToken() {
    return accessToken;
  }

  /**
   * Returns when the access token expires: the time of the token response plus its {@code
   * expires_in}.
   *
   * @return the expiry
   */
  public Instant expiresAt() {
    return expiresAt;
  }

  /**
   * Returns the refresh token, to pass to {@link IdentityClient#refresh(Secret)}.
   *
   * @return the refresh token; empty if the provider issued none (FranceConnect never does)
   */
  public Optional<Secret> refreshToken() {
    return Optional.ofNullable(refreshToken);
  }

  /** Shows the expiry and whether a refresh token is held, never the tokens. */
  @Override
  public String toString() {
    return "ProviderTokens[expiresAt="
        + expiresAt
        + (refreshToken != null ? ", refresh token held" : "")
        + "]";
  }
}
