package fr.socle.testkit.franceconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("FranceConnect simulator: /authorize refuses what the real service refuses")
class AuthorizeValidationTest {
  @RegisterExtension
  static final FranceConnectSimulatorExtension FC =
      FranceConnectSimulatorExtension.of(
          FranceConnectSimulator.builder()
              .grantedScopes(java.util.Set.of("openid", "given_name", "family_name", "email")));

  static Stream<Arguments> formatErrors() {
    return Stream.of(
        Arguments.of("unknown client", "Y04EA6EF", put("client_id", "someone-else")),
        Arguments.of(
            "undeclared redirect_uri",
            "Y04C013C",
            put("redirect_uri", "http://localhost:8080/other")),
        Arguments.of(
            "redirect_uri differing by a trailing slash",
            "Y04C013C",
            put("redirect_uri", FranceConnectSimulator.DEFAULT_REDIRECT_URI + "/")),
        Arguments.of("response_type token", "Y030007", put("response_type", "token")),
        Arguments.of("scope without openid", "Y030007", put("scope", "given_name email")),
        Arguments.of("missing state", "Y030007", remove("state")),
        Arguments.of("missing nonce", "Y030007", remove("nonce")),
        Arguments.of("nonce of 21 characters", "Y030007", put("nonce", "abcdefghijklmnopqrstu")),
        Arguments.of("missing acr_values", "Y030007", remove("acr_values")),
        Arguments.of("prompt=none", "Y030007", put("prompt", "none")),
        Arguments.of("claims not JSON", "Y030007", put("claims", "{amr")),
        Arguments.of("scope not granted", "Y044D706", put("scope", "openid birthdate")),
        Arguments.of("idp_hint not allowed", "Y030032", put("idp_hint", "fip1v2")),
        // authorize-params.dto.ts is validated with forbidNonWhitelisted
        Arguments.of("response_mode=form_post", "Y030007", put("response_mode", "form_post")),
        Arguments.of("response_mode=fragment", "Y030007", put("response_mode", "fragment")),
        Arguments.of("unknown parameter", "Y030007", put("foo", "bar")),
        Arguments.of("login_hint (not in the DTO)", "Y030007", put("login_hint", "a@b.fr")),
        Arguments.of("request object (not in the DTO)", "Y030007", put("request", "e30.e30.")),
        Arguments.of("PKCE (not in the DTO)", "Y030007", put("code_challenge", "x".repeat(43))));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("formatErrors")
  void authorize_whenMalformed_showsErrorPageWithoutRedirect(
      String what, String code, Consumer<Map<String, String>> change) {
    RawOidcClient client = new RawOidcClient(FC.simulator());
    Map<String, String> params = client.validParameters();
    params.put("scope", "openid given_name family_name email");
    change.accept(params);

    HttpResponse<String> response = client.get(client.authorizeUri(params));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Location")).isEmpty();
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(response.body()).contains(">" + code + "<");
  }

  @Test
  void authorize_whenParameterRepeated_showsErrorPage() {
    RawOidcClient client = new RawOidcClient(FC.simulator());
    URI uri =
        URI.create(
            client.authorizeUri(client.validParameters()) + "&state=" + RawOidcClient.random64());
    assertThat(client.get(uri).body()).contains("Y030007");
  }

  @Test
  void authorize_whenAcrIsNotEidas1_redirectsInvalidRequest() {
    RawOidcClient client = new RawOidcClient(FC.simulator());
    Map<String, String> params = client.validParameters();
    params.put("acr_values", "eidas2");
    params.put("scope", "openid");

    Map<String, String> q =
        RawOidcClient.query(RawOidcClient.location(client.get(client.authorizeUri(params))));
    assertThat(q)
        .containsEntry("error", "invalid_request")
        .containsEntry("state", params.get("state"));
  }

  @Test
  void authorize_whenNonceOf22Characters_isAccepted() {
    RawOidcClient client = new RawOidcClient(FC.simulator());
    Map<String, String> params = client.validParameters();
    params.put("nonce", "abcdefghijklmnopqrstuv");
    params.put("scope", "openid");
    params.put("prompt", "login consent");
    assertThat(client.get(client.authorizeUri(params)).statusCode()).isEqualTo(303);
  }

  @Test
  void authorize_whenUiLocales_isAccepted() {
    RawOidcClient client = new RawOidcClient(FC.simulator());
    Map<String, String> params = client.validParameters();
    params.put("scope", "openid");
    params.put("ui_locales", "fr-FR en");
    assertThat(client.get(client.authorizeUri(params)).statusCode()).isEqualTo(303);
  }

  @Test
  void nonceLength_whenExactly64Configured_refusesShorterNonces() {
    try (FranceConnectSimulator sim =
        FranceConnectSimulator.builder().nonceLength(64, 64).build().start()) {
      RawOidcClient client = new RawOidcClient(sim);
      Map<String, String> params = client.validParameters();
      params.put("nonce", params.get("nonce").substring(0, 63));
      assertThat(client.get(client.authorizeUri(params)).body()).contains("Y030007");
      params.put("nonce", RawOidcClient.random64());
      assertThat(client.get(client.authorizeUri(params)).statusCode()).isEqualTo(303);
    }
  }

  @Test
  void login_helper_whenErrorPage_throwsWithTheCode() {
    RawOidcClient client = new RawOidcClient(FC.simulator());
    Map<String, String> params = client.validParameters();
    params.remove("nonce");
    assertThatThrownBy(() -> FC.simulator().login(client.authorizeUri(params)))
        .isInstanceOfSatisfying(
            SimulatorErrorPageException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("Y030007");
              assertThat(e.status()).isEqualTo(400);
            });
  }

  @Test
  void unknownPath_is404Page() {
    RawOidcClient client = new RawOidcClient(FC.simulator());
    HttpResponse<String> response = client.get(URI.create(FC.simulator().issuer() + "/logout"));
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("Y000404");
  }

  @Test
  void interaction_whenUnknown_showsSessionExpired() {
    RawOidcClient client = new RawOidcClient(FC.simulator());
    HttpResponse<String> response =
        client.get(URI.create(FC.simulator().issuer() + "/interaction/nope"));
    assertThat(response.body()).contains("Y190001");
  }

  private static Consumer<Map<String, String>> put(String k, String v) {
    return m -> m.put(k, v);
  }

  private static Consumer<Map<String, String>> remove(String k) {
    return m -> m.remove(k);
  }
}
