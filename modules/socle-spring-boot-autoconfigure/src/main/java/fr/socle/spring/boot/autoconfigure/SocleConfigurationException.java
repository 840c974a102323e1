package fr.socle.spring.boot.autoconfigure;

import fr.socle.core.InvalidInputException;
import java.util.Objects;

/**
 * A {@code socle.*} setting is missing or invalid: the application does not start.
 *
 * <p>The message names the property and says what to fix; it never echoes the value, which may be a
 * secret.
 */
public final class SocleConfigurationException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  /** The full name of the property at fault, e.g. {@code socle.identity.client-id}. */
  private final String property;

  /**
   * Creates the exception.
   *
   * @param property the full name of the property, e.g. {@code socle.identity.client-id}
   * @param reason what is wrong and how to fix it
   */
  public SocleConfigurationException(String property, String reason) {
    super(Objects.requireNonNull(property, "property") + ": " + reason);
    this.property = property;
  }

  /**
   * Returns the full name of the property at fault.
   *
   * @return e.g. {@code socle.identity.client-id}
   */
  public String property() {
    return property;
  }
}
