package fr.socle.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.core.http.HttpPreset;
import fr.socle.core.http.HttpTransport;
import fr.socle.identity.IdentityClient;
import fr.socle.identity.IdentityProvider;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class SocleIdentityAutoConfigurationTest {

  static final String KEY = "0123456789abcdef0123456789abcdef-transaction-key";
  static final String CLIENT_SECRET = "s3cr3t-never-printed-0123456789";

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  SocleCoreAutoConfiguration.class, SocleIdentityAutoConfiguration.class));

  ApplicationContextRunner configured() {
    return runner.withPropertyValues(
        "socle.identity.issuer=http://127.0.0.1:9/fc",
        "socle.identity.client-id=my-client",
        "socle.identity.client-secret=" + CLIENT_SECRET,
        "socle.identity.redirect-uri=http://127.0.0.1:8080/login/callback",
        "socle.identity.transaction-key=" + KEY);
  }

  @Test
  void identityClient_whenPropertiesSet_isBuiltOnTheIdentityTransport() {
    configured()
        .withPropertyValues("socle.http.connect-timeout=2s", "socle.http.application-name=portal")
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(IdentityClient.class);
              IdentityClient client = context.getBean(IdentityClient.class);
              assertThat(client.clientId()).isEqualTo("my-client");
              assertThat(client.provider().issuer()).isEqualTo(URI.create("http://127.0.0.1:9/fc"));
              HttpTransport transport =
                  context.getBean(
                      SocleIdentityAutoConfiguration.HTTP_TRANSPORT_BEAN, HttpTransport.class);
              assertThat(transport.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
              assertThat(transport.userAgent()).contains("portal");
            });
  }

  @Test
  void identityTransport_withoutHttpSettings_hasTheOpenIdProviderPreset() {
    configured()
        .run(
            context -> {
              HttpTransport transport =
                  context.getBean(
                      SocleIdentityAutoConfiguration.HTTP_TRANSPORT_BEAN, HttpTransport.class);
              // the same defaults as the transport IdentityClient builds for itself
              assertThat(transport.connectTimeout())
                  .isEqualTo(HttpPreset.OPENID_PROVIDER.connectTimeout());
              assertThat(transport.responseTimeout())
                  .isEqualTo(HttpPreset.OPENID_PROVIDER.responseTimeout());
              assertThat(transport.deadline()).isEqualTo(HttpPreset.OPENID_PROVIDER.deadline());
            });
  }

  @Test
  void identityClient_whenNoClientId_isNotConfigured() {
    runner.run(context -> assertThat(context).doesNotHaveBean(IdentityClient.class));
  }

  @Test
  void identityClient_whenModuleAbsent_isNotConfigured() {
    configured()
        .withClassLoader(new FilteredClassLoader(IdentityClient.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("socleIdentityClient"));
  }

  @Test
  void identityClient_whenApplicationDefinesOne_backsOff() {
    configured()
        .withUserConfiguration(OwnClient.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(IdentityClient.class);
              assertThat(context.getBean(IdentityClient.class).clientId()).isEqualTo("own");
            });
  }

  @Test
  void transport_whenApplicationDefinesOne_backsOff() {
    configured()
        .withBean(
            SocleIdentityAutoConfiguration.HTTP_TRANSPORT_BEAN,
            HttpTransport.class,
            () -> HttpTransport.builder().connectTimeout(Duration.ofMillis(1234)).build())
        .run(
            context ->
                assertThat(
                        context
                            .getBean(
                                SocleIdentityAutoConfiguration.HTTP_TRANSPORT_BEAN,
                                HttpTransport.class)
                            .connectTimeout())
                    .isEqualTo(Duration.ofMillis(1234)));
  }

  @Test
  void start_whenRedirectUriMissing_failsNamingTheProperty() {
    runner
        .withPropertyValues(
            "socle.identity.provider=franceconnect-sandbox",
            "socle.identity.client-id=my-client",
            "socle.identity.transaction-key=" + KEY)
        .run(
            context ->
                assertThat(StartupFailures.messages(context))
                    .contains("socle.identity.redirect-uri"));
  }

  @Test
  void start_whenNeitherProviderNorIssuer_failsNamingTheProperty() {
    runner
        .withPropertyValues(
            "socle.identity.client-id=my-client",
            "socle.identity.redirect-uri=http://127.0.0.1:8080/cb",
            "socle.identity.transaction-key=" + KEY)
        .run(
            context ->
                assertThat(StartupFailures.messages(context)).contains("socle.identity.provider"));
  }

  @Test
  void start_whenProviderAndIssuerBothSet_failsNamingTheProperty() {
    configured()
        .withPropertyValues("socle.identity.provider=franceconnect-production")
        .run(
            context ->
                assertThat(StartupFailures.messages(context)).contains("socle.identity.provider"));
  }

  @Test
  void start_whenTransactionKeyTooShort_failsWithoutEchoingIt() {
    configured()
        .withPropertyValues("socle.identity.transaction-key=short-key-value")
        .run(
            context -> {
              String messages = StartupFailures.messages(context);
              assertThat(messages).contains("socle.identity").contains("32 bytes");
              assertThat(messages).doesNotContain("short-key-value");
            });
  }

  @Test
  void start_whenUnknownProviderPreset_failsNamingTheProperty() {
    configured()
        .withPropertyValues("socle.identity.issuer=", "socle.identity.provider=franceconnect-moon")
        .run(
            context ->
                assertThat(StartupFailures.messages(context)).contains("socle.identity.provider"));
  }

  @Test
  void start_whenInvalidHttpTimeout_failsNamingTheProperty() {
    configured()
        .withPropertyValues("socle.http.connect-timeout=-5s")
        .run(
            context ->
                assertThat(StartupFailures.messages(context))
                    .contains("socle.http.connect-timeout"));
  }

  @Test
  void secrets_neverAppearInTheBoundPropertiesToString() {
    configured()
        .run(
            context -> {
              SocleIdentityProperties p = context.getBean(SocleIdentityProperties.class);
              assertThat(p.getClientSecret().reveal()).isEqualTo(CLIENT_SECRET);
              assertThat(String.valueOf(p.getClientSecret())).doesNotContain(CLIENT_SECRET);
              assertThat(context.getBean(IdentityClient.class).toString())
                  .doesNotContain(CLIENT_SECRET)
                  .doesNotContain(KEY);
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnClient {
    @Bean
    IdentityClient ownClient() {
      return IdentityClient.builder()
          .provider(IdentityProvider.franceConnect(URI.create("http://127.0.0.1:9/own")))
          .clientId("own")
          .clientSecret(fr.socle.core.Secret.of(CLIENT_SECRET))
          .redirectUri(URI.create("http://127.0.0.1:8080/cb"))
          .transactionKey(fr.socle.core.Secret.of(KEY))
          .build();
    }
  }
}
