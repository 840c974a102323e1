package fr.socle.identity;

import fr.socle.core.SocleClientException;

/**
 * The provider's discovery document cannot be trusted or used: its {@code issuer} is not the
 * expected one (a mix-up or a wrong host), an endpoint is missing or not https, or a required
 * capability is absent. No user is redirected to such a provider.
 */
public class ProviderConfigurationException extends SocleClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong with the configuration
   */
  public ProviderConfigurationException(String message) {
    super(message);
  }
}
