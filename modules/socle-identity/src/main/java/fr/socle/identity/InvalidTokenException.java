package fr.socle.identity;

import fr.socle.core.SocleClientException;
import java.util.Objects;

/**
 * An ID token or a userinfo response failed verification: the login must not go on. The message
 * names the check that failed, never the token or the claims' values.
 *
 * <p>Thrown by {@link IdentityClient#complete}. Callers usually treat every reason alike (show an
 * error, log the reason); {@link #reason()} is there for monitoring and tests.
 */
public class InvalidTokenException extends SocleClientException {
  private static final long serialVersionUID = 1L;

  /** The check that failed. */
  public enum Reason {
    /** Not a compact JWS/JWE, or a claim of the wrong type. */
    MALFORMED,
    /** Algorithm not allowed for this provider ({@code none} is never allowed). */
    ALGORITHM,
    /** No key of the provider matches the token, even after refreshing the provider's keys. */
    UNKNOWN_KEY,
    /** The signature does not verify. */
    SIGNATURE,
    /** The token could not be decrypted with the application's keys (FranceConnect+). */
    DECRYPTION,
    /** {@code iss} is not the provider's issuer. */
    ISSUER,
    /** {@code aud} does not contain the client id. */
    AUDIENCE,
    /** {@code azp} is present and not the client id, or missing with several audiences. */
    AUTHORIZED_PARTY,
    /** {@code exp} is in the past, beyond the allowed clock skew. */
    EXPIRED,
    /** {@code iat} is in the future, beyond the allowed clock skew. */
    ISSUED_IN_FUTURE,
    /** A required claim ({@code sub}, {@code iat}, {@code exp}, {@code nonce}...) is missing. */
    MISSING_CLAIM,
    /** {@code nonce} differs from the one sent at the start of this login. */
    NONCE,
    /** {@code at_hash} does not match the access token. */
    ACCESS_TOKEN_HASH,
    /** The userinfo {@code sub} differs from the ID token's. */
    SUBJECT_MISMATCH
  }

  /** The failed check. */
  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason the failed check
   * @param message what failed, without token or personal data
   */
  public InvalidTokenException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Creates the exception with a cause.
   *
   * @param reason the failed check
   * @param message what failed, without token or personal data
   * @param cause the underlying error
   */
  public InvalidTokenException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Returns the failed check.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
