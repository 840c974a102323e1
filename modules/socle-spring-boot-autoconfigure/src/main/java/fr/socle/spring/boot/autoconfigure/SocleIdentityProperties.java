package fr.socle.spring.boot.autoconfigure;

import fr.socle.core.Secret;
import fr.socle.identity.EidasLevel;
import fr.socle.identity.ProviderFamily;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code socle.identity.*}: FranceConnect, FranceConnect+ or ProConnect login. The block is on as
 * soon as {@code socle.identity.client-id} is set. Not thread-safe while Spring binds it; read-only
 * after.
 */
@ConfigurationProperties("socle.identity")
public class SocleIdentityProperties {

  /** The identity provider, one of the public presets. Exclusive with "issuer". */
  private ProviderPreset provider;

  /**
   * Issuer URI of a provider that is not a preset (a test kit simulator, a new environment).
   * Exclusive with "provider".
   */
  private URI issuer;

  /** Family of the provider at "issuer"; FranceConnect rules when not set. */
  private ProviderFamily family = ProviderFamily.FRANCECONNECT;

  /** Client identifier given by the provider when the service was registered. */
  private String clientId;

  /** Client secret given by the provider. Never logged. */
  private Secret clientSecret;

  /** The callback URL registered with the provider, served by the application. */
  private URI redirectUri;

  /** Where the provider sends the user back after logout; registered with the provider. */
  private URI postLogoutRedirectUri;

  /** Scopes asked for; "openid" is always added. Defaults to the client's default scopes. */
  private List<String> scopes = new ArrayList<>();

  /** Lowest eIDAS level accepted at login (EIDAS1, EIDAS2, EIDAS3). */
  private EidasLevel eidasLevel;

  /**
   * Application secret that seals the login transaction kept in the user's session (32 bytes or
   * more). Never logged.
   */
  private Secret transactionKey;

  /** The identity provider presets, with the hosts of the French public services. */
  public enum ProviderPreset {
    /** FranceConnect's integration platform. */
    FRANCECONNECT_SANDBOX,
    /** FranceConnect in production. */
    FRANCECONNECT_PRODUCTION,
    /** FranceConnect+'s integration platform. */
    FRANCECONNECT_PLUS_INTEGRATION,
    /** FranceConnect+ in production. */
    FRANCECONNECT_PLUS_PRODUCTION,
    /** ProConnect's integration platform on the internet. */
    PROCONNECT_INTEGRATION,
    /** ProConnect in production on the internet. */
    PROCONNECT_PRODUCTION,
    /** ProConnect's integration platform on the RIE. */
    PROCONNECT_INTEGRATION_RIE,
    /** ProConnect in production on the RIE. */
    PROCONNECT_PRODUCTION_RIE
  }

  /**
   * Returns the provider preset.
   *
   * @return the preset, or null when "issuer" is used
   */
  public ProviderPreset getProvider() {
    return provider;
  }

  /**
   * Sets the provider preset.
   *
   * @param provider a preset
   */
  public void setProvider(ProviderPreset provider) {
    this.provider = provider;
  }

  /**
   * Returns the custom issuer.
   *
   * @return the issuer, or null when a preset is used
   */
  public URI getIssuer() {
    return issuer;
  }

  /**
   * Sets the custom issuer.
   *
   * @param issuer an https URI (http on loopback only)
   */
  public void setIssuer(URI issuer) {
    this.issuer = issuer;
  }

  /**
   * Returns the family of the custom issuer.
   *
   * @return the family
   */
  public ProviderFamily getFamily() {
    return family;
  }

  /**
   * Sets the family of the custom issuer.
   *
   * @param family the family
   */
  public void setFamily(ProviderFamily family) {
    this.family = family;
  }

  /**
   * Returns the client identifier.
   *
   * @return the identifier
   */
  public String getClientId() {
    return clientId;
  }

  /**
   * Sets the client identifier.
   *
   * @param clientId the identifier
   */
  public void setClientId(String clientId) {
    this.clientId = clientId;
  }

  /**
   * Returns the client secret.
   *
   * @return the secret, or null
   */
  public Secret getClientSecret() {
    return clientSecret;
  }

  /**
   * Sets the client secret.
   *
   * @param clientSecret the secret
   */
  public void setClientSecret(Secret clientSecret) {
    this.clientSecret = clientSecret;
  }

  /**
   * Returns the callback URL.
   *
   * @return the URL
   */
  public URI getRedirectUri() {
    return redirectUri;
  }

  /**
   * Sets the callback URL.
   *
   * @param redirectUri the URL registered with the provider
   */
  public void setRedirectUri(URI redirectUri) {
    this.redirectUri = redirectUri;
  }

  /**
   * Returns the post-logout URL.
   *
   * @return the URL, or null
   */
  public URI getPostLogoutRedirectUri() {
    return postLogoutRedirectUri;
  }

  /**
   * Sets the post-logout URL.
   *
   * @param postLogoutRedirectUri the URL registered with the provider
   */
  public void setPostLogoutRedirectUri(URI postLogoutRedirectUri) {
    this.postLogoutRedirectUri = postLogoutRedirectUri;
  }

  /**
   * Returns the scopes.
   *
   * @return the scopes, possibly empty
   */
  public List<String> getScopes() {
    return scopes;
  }

  /**
   * Sets the scopes.
   *
   * @param scopes scope names
   */
  public void setScopes(List<String> scopes) {
    this.scopes = scopes;
  }

  /**
   * Returns the lowest eIDAS level accepted.
   *
   * @return the level, or null for the provider's default
   */
  public EidasLevel getEidasLevel() {
    return eidasLevel;
  }

  /**
   * Sets the lowest eIDAS level accepted.
   *
   * @param eidasLevel the level
   */
  public void setEidasLevel(EidasLevel eidasLevel) {
    this.eidasLevel = eidasLevel;
  }

  /**
   * Returns the transaction key.
   *
   * @return the key, or null
   */
  public Secret getTransactionKey() {
    return transactionKey;
  }

  /**
   * Sets the transaction key.
   *
   * @param transactionKey 32 bytes or more
   */
  public void setTransactionKey(Secret transactionKey) {
    this.transactionKey = transactionKey;
  }
}
