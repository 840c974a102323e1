package fr.socle.identity;

import fr.socle.core.SocleClientException;

/**
 * The sealed login transaction could not be opened: missing, tampered with, sealed with another key
 * or for another client, or expired. Start a new login.
 */
public class InvalidTransactionException extends SocleClientException {
  private static final long serialVersionUID = 1L;

  /** Whether the transaction was authentic but too old. */
  private final boolean expired;

  /**
   * Creates the exception.
   *
   * @param message a description, without the transaction's content
   * @param expired true if the transaction was authentic but too old
   */
  public InvalidTransactionException(String message, boolean expired) {
    super(message);
    this.expired = expired;
  }

  /**
   * Tells whether the transaction was authentic but expired (the user took too long).
   *
   * @return true if expired
   */
  public boolean expired() {
    return expired;
  }
}
