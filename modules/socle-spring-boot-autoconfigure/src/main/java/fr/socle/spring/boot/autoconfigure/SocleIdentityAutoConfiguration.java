package fr.socle.spring.boot.autoconfigure;

import fr.socle.core.SocleClientException;
import fr.socle.core.http.HttpPreset;
import fr.socle.core.http.HttpTransport;
import fr.socle.identity.IdentityClient;
import fr.socle.identity.IdentityProvider;
import fr.socle.identity.Scope;
import fr.socle.spring.boot.autoconfigure.SocleIdentityProperties.ProviderPreset;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * FranceConnect, FranceConnect+ or ProConnect login: an {@link IdentityClient} built from {@code
 * socle.identity.*}, on when {@code socle.identity.client-id} is set. Each bean backs off when the
 * application defines its own.
 */
@AutoConfiguration(after = SocleCoreAutoConfiguration.class)
@ConditionalOnClass(IdentityClient.class)
@ConditionalOnProperty(prefix = "socle.identity", name = "client-id")
@EnableConfigurationProperties(SocleIdentityProperties.class)
public class SocleIdentityAutoConfiguration {

  /** Name of the transport bean the identity client uses; define one to replace it. */
  public static final String HTTP_TRANSPORT_BEAN = "socleIdentityHttpTransport";

  private static final String PREFIX = "socle.identity.";

  /** Creates the configuration; Spring Boot does. */
  public SocleIdentityAutoConfiguration() {}

  /**
   * The transport to the identity provider: {@link HttpPreset#OPENID_PROVIDER} (10 s for a whole
   * call), with {@code socle.http.*} over it.
   *
   * @param http the shared HTTP settings
   * @return the transport, closed with the application context
   */
  @Bean(name = HTTP_TRANSPORT_BEAN)
  @ConditionalOnMissingBean(name = HTTP_TRANSPORT_BEAN)
  public HttpTransport socleIdentityHttpTransport(SocleHttpProperties http) {
    return HttpTransports.build(http, HttpTransport.builder().preset(HttpPreset.OPENID_PROVIDER));
  }

  /**
   * The login client.
   *
   * @param properties {@code socle.identity.*}
   * @param transport the transport to the provider
   * @return the client
   * @throws SocleConfigurationException naming the property at fault
   */
  @Bean
  @ConditionalOnMissingBean
  public IdentityClient socleIdentityClient(
      SocleIdentityProperties properties, @Qualifier(HTTP_TRANSPORT_BEAN) HttpTransport transport) {
    IdentityClient.Builder b =
        IdentityClient.builder()
            .provider(provider(properties))
            .clientId(Required.text(properties.getClientId(), PREFIX + "client-id"))
            .redirectUri(Required.value(properties.getRedirectUri(), PREFIX + "redirect-uri"))
            .transactionKey(
                Required.value(properties.getTransactionKey(), PREFIX + "transaction-key"));
    if (properties.getClientSecret() != null) {
      b.clientSecret(properties.getClientSecret());
    }
    if (properties.getPostLogoutRedirectUri() != null) {
      b.postLogoutRedirectUri(properties.getPostLogoutRedirectUri());
    }
    if (!properties.getScopes().isEmpty()) {
      HttpTransports.apply(
          PREFIX + "scopes",
          () -> b.scopes(properties.getScopes().stream().map(Scope::of).toList()));
    }
    if (properties.getEidasLevel() != null) {
      HttpTransports.apply(PREFIX + "eidas-level", () -> b.eidasLevel(properties.getEidasLevel()));
    }
    withTransport(b, transport);
    try {
      return b.build();
    } catch (SocleClientException e) {
      // The builder's messages name its setting, never a value; prefix the property tree.
      throw new SocleConfigurationException("socle.identity", e.getMessage());
    }
  }

  // A bean the context closes: shared with the client, which never closes it.
  private static void withTransport(IdentityClient.Builder b, HttpTransport transport) {
    b.httpTransport(transport);
  }

  static IdentityProvider provider(SocleIdentityProperties p) {
    if (p.getProvider() != null && p.getIssuer() != null) {
      throw new SocleConfigurationException(
          PREFIX + "provider",
          "set either socle.identity.provider or socle.identity.issuer, not both");
    }
    if (p.getIssuer() != null) {
      try {
        return switch (p.getFamily()) {
          case FRANCECONNECT -> IdentityProvider.franceConnect(p.getIssuer());
          case FRANCECONNECT_PLUS -> IdentityProvider.franceConnectPlus(p.getIssuer());
          case PROCONNECT -> IdentityProvider.proConnect(p.getIssuer());
          default -> IdentityProvider.oidc(p.getIssuer());
        };
      } catch (SocleClientException e) {
        throw new SocleConfigurationException(PREFIX + "issuer", e.getMessage());
      }
    }
    ProviderPreset preset =
        Required.value(p.getProvider(), PREFIX + "provider (or socle.identity.issuer)");
    return switch (preset) {
      case FRANCECONNECT_SANDBOX -> IdentityProvider.franceConnectSandbox();
      case FRANCECONNECT_PRODUCTION -> IdentityProvider.franceConnectProduction();
      case FRANCECONNECT_PLUS_INTEGRATION -> IdentityProvider.franceConnectPlusIntegration();
      case FRANCECONNECT_PLUS_PRODUCTION -> IdentityProvider.franceConnectPlusProduction();
      case PROCONNECT_INTEGRATION -> IdentityProvider.proConnectIntegration();
      case PROCONNECT_PRODUCTION -> IdentityProvider.proConnectProduction();
      case PROCONNECT_INTEGRATION_RIE -> IdentityProvider.proConnectIntegrationRie();
      case PROCONNECT_PRODUCTION_RIE -> IdentityProvider.proConnectProductionRie();
    };
  }
}
