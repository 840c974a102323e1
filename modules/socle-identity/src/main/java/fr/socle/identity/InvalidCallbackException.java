package fr.socle.identity;

import fr.socle.core.SocleClientException;
import java.util.Objects;

/**
 * The redirect back from the provider does not belong to the login transaction (forged or replayed
 * callback, mixed-up provider) or lacks what the protocol requires. Show an error and start a new
 * login; never retry with the same parameters.
 */
public class InvalidCallbackException extends SocleClientException {
  private static final long serialVersionUID = 1L;

  /** What was wrong. */
  public enum Reason {
    /** {@code state} is missing or differs from the transaction's. */
    STATE_MISMATCH,
    /**
     * The RFC 9207 {@code iss} parameter differs from the issuer, or is missing although the
     * provider advertises it.
     */
    ISSUER_MISMATCH,
    /** Neither {@code code} nor {@code error} is present, or a parameter is repeated. */
    MALFORMED
  }

  /** What was wrong. */
  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason what was wrong
   * @param message a description without parameter values
   */
  public InvalidCallbackException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Returns what was wrong.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
