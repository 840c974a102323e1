package fr.socle.core;

/**
 * A value given by the caller is invalid: a method argument, a builder setting or a configuration
 * entry, or a required builder setting is missing at {@code build()}. Nothing was sent to any peer.
 *
 * <p>The message names the parameter or setting and says what to fix; it never echoes the value
 * when that value may be a secret or a personal datum, so it is safe to log. A {@code null}
 * argument is a {@link NullPointerException} whose message is the parameter's name, not this
 * exception.
 *
 * <p>Blocks define subtypes where callers branch on the kind of invalid input.
 *
 * <pre>{@code
 * try {
 *   client = IdentityClient.builder().provider(provider).build();
 * } catch (InvalidInputException e) {
 *   // "clientId is required: call clientId(...)"
 * }
 * }</pre>
 */
public class InvalidInputException extends SocleClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which parameter or setting is wrong and what to fix; safe to log
   */
  public InvalidInputException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message which parameter or setting is wrong and what to fix; safe to log
   * @param cause the underlying error (for example a parse error)
   */
  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
