package fr.socle.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.core.Secret;
import fr.socle.identity.testing.ScriptedProvider;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The SDK's error rule on the identity block: bad values and missing builder settings are {@link
 * InvalidInputException}s naming the setting, nulls are {@link NullPointerException}s naming the
 * parameter.
 */
class ErrorRuleTest {
  private ScriptedProvider fc;

  @BeforeEach
  void start() {
    fc = ScriptedProvider.start(ProviderFamily.FRANCECONNECT);
  }

  @AfterEach
  void stop() {
    fc.close();
  }

  @Test
  @DisplayName("a required builder setting left out names the setting and the call that sets it")
  void build_whenRequiredSettingMissing_throwsInvalidInputNamingIt() {
    IdentityClientBuilder b =
        IdentityClient.builder()
            .provider(IdentityProvider.franceConnectSandbox())
            .clientSecret(Secret.of("s3cr3t-value-never-echoed"))
            .redirectUri(URI.create("https://mairie.example.fr/cb"))
            .transactionKey(Secret.of("0123456789abcdef0123456789abcdef"));

    assertThatThrownBy(b::build)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("clientId is required")
        .hasMessageContaining("clientId(...)");
  }

  @Test
  @DisplayName("a transaction key too short is an invalid input that does not echo the key")
  void build_whenTransactionKeyTooShort_throwsInvalidInput() {
    assertThatThrownBy(
            () -> fc.clientBuilder().transactionKey(Secret.of("short-key-never-echoed")).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageNotContaining("short-key-never-echoed");
  }

  @Test
  @DisplayName("a family rule broken in the configuration is an invalid input")
  void build_whenFamilyRefusesSetting_throwsInvalidInput() {
    assertThatThrownBy(() -> fc.clientBuilder().scopes(Scope.PHONE).build())
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () ->
                fc.clientBuilder().tokenEndpointAuth(TokenEndpointAuth.CLIENT_SECRET_BASIC).build())
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> fc.clientBuilder().assurance(Assurance.multiFactor()).build())
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> fc.clientBuilder().clientSecret(null).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("clientSecret");
  }

  @Test
  @DisplayName("out-of-range durations are invalid inputs; null durations name the parameter")
  void builderDurations_whenBadOrNull_followTheRule() {
    IdentityClientBuilder b = IdentityClient.builder();
    assertThatThrownBy(() -> b.transactionTtl(Duration.ZERO))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> b.clockSkew(Duration.ofMinutes(6)))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> b.jwksCacheTtl(Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> b.transactionTtl(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("ttl");
    assertThatThrownBy(() -> b.clockSkew(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("skew");
    assertThatThrownBy(() -> b.jwksCacheTtl(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("ttl");
  }

  @Test
  @DisplayName("a login option the family does not define is an invalid input")
  void begin_whenOptionNotDefinedByFamily_throwsInvalidInput() {
    try (IdentityClient client = fc.clientBuilder().build()) {
      assertThatThrownBy(
              () -> client.begin(LoginOptions.builder().siretHint("13002526500013").build()))
          .isInstanceOf(InvalidInputException.class);
    }
  }

  @Test
  @DisplayName("bad option, scope, provider and date values are invalid inputs")
  void valueTypes_whenBadValue_throwInvalidInput() {
    assertThatThrownBy(() -> LoginOptions.builder().siretHint("123"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Scope.of("a b")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> IdentityProvider.oidc(URI.create("https://idp.example/?x=1")))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> PartialDate.parse("1990-13"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new PartialDate(1990, 2, 30))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  @DisplayName("logout without a hint: null names the parameter, empty is an invalid input")
  void logoutUri_whenHintNullOrEmpty_followsTheRule() {
    try (IdentityClient client = fc.clientBuilder().build()) {
      assertThatThrownBy(() -> client.logoutUri((String) null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("idTokenHint");
      assertThatThrownBy(() -> client.logoutUri("")).isInstanceOf(InvalidInputException.class);
    }
  }

  @Test
  @DisplayName("logout without a configured post-logout URI is an invalid configuration")
  void logoutUri_whenPostLogoutUriMissing_throwsInvalidInput() {
    try (IdentityClient client = fc.clientBuilder().postLogoutRedirectUri(null).build()) {
      assertThatThrownBy(() -> client.logoutUri("eyJ.hint.sig"))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("postLogoutRedirectUri");
    }
  }

  @Test
  @DisplayName(
      "refresh on FranceConnect, which issues no refresh token, is refused before any call")
  void refresh_onFranceConnect_throwsInvalidInput() {
    try (IdentityClient client = fc.clientBuilder().build()) {
      assertThatThrownBy(() -> client.refresh(Secret.of("rt")))
          .isInstanceOf(InvalidInputException.class);
    }
  }

  @Test
  @DisplayName("login and logout starts name the null component")
  void startRecords_whenNull_nameTheParameter() {
    assertThatThrownBy(() -> new LoginStart(null, "sealed"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("authorizationUri");
    assertThatThrownBy(() -> new LoginStart(URI.create("https://idp.example/a"), ""))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new LogoutStart(URI.create("https://idp.example/l"), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("state");
    assertThat(new LogoutStart(URI.create("https://idp.example/l"), "s").state()).isEqualTo("s");
  }
}
