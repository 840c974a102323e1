package fr.socle.core;

/**
 * A value given to Socle is wrong: a method argument, a builder setting or a configuration
 * property, or a required builder setting is missing. The message names the parameter or setting
 * and says what to fix; it never contains the rejected value when that value may be a secret or a
 * personal datum.
 *
 * <p>Nothing was sent to any peer and nothing was written when this is thrown. Thread-safe
 * (immutable).
 */
public class InvalidInputException extends SocleClientException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and how to fix it, without secrets or personal data
   */
  public InvalidInputException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what is wrong and how to fix it, without secrets or personal data
   * @param cause the underlying error
   */
  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
