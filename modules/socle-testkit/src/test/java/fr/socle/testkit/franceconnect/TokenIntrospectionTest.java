package fr.socle.testkit.franceconnect;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.testkit.TestClock;
import fr.socle.testkit.onceonly.FranceConnectTokenResolver;
import fr.socle.testkit.onceonly.OnceOnlySimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "FranceConnect simulator: a data provider checks the access token (API FranceConnectées)")
class TokenIntrospectionTest {
  private static final String QF =
      "/v3/dss/quotient_familial/france_connect?recipient=" + OnceOnlySimulator.RECIPIENT;

  private final TestClock clock = TestClock.atSystemTime();
  private FranceConnectSimulator fc;
  private OnceOnlySimulator particulier;
  private RawOidcClient client;

  @BeforeEach
  void start() {
    fc = FranceConnectSimulator.builder().clock(clock).build().start();
    particulier =
        OnceOnlySimulator.builder().franceConnect(FranceConnectTokenResolver.of(fc)).start();
    client = new RawOidcClient(fc);
  }

  @AfterEach
  void stop() {
    particulier.close();
    fc.close();
  }

  private String accessToken(String scope) {
    Map<String, String> params = client.validParameters();
    params.put("scope", scope);
    String code = RawOidcClient.query(client.loginThroughPage(params, "test")).get("code");
    return (String) client.token(code, params).get("access_token");
  }

  private HttpResponse<String> quotientFamilial(String token) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(particulier.baseUrl() + QF))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void introspect_givesTheScopesAndThePivotIdentity_andForgetsUnknownTokens() {
    String token = accessToken("openid identite_pivot cnaf_quotient_familial");

    TokenIntrospection info = fc.introspect(token).orElseThrow();

    assertThat(info.active()).isTrue();
    assertThat(info.scopes()).contains("cnaf_quotient_familial", "identite_pivot");
    assertThat(info.claims()).containsEntry("family_name", "DUBOIS").containsKey("birthdate");
    assertThat(info.toString()).doesNotContain("DUBOIS");
    assertThat(fc.introspect("never-issued")).isEmpty();
  }

  @Test
  void theDataScope_isAdvertisedAndAccepted() {
    assertThat(fc.introspect(accessToken("openid cnaf_quotient_familial")).orElseThrow().scopes())
        .containsExactly("openid", "cnaf_quotient_familial");
  }

  @Test
  void apiParticulier_answersTheQuotientFamilialOfTheFranceConnectUser() throws Exception {
    HttpResponse<String> r =
        quotientFamilial(accessToken("openid identite_pivot cnaf_quotient_familial"));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"valeur\":680", "\"fournisseur\":\"CNAF\"");
  }

  @Test
  void apiParticulier_refusesATokenWithoutTheScope_403() throws Exception {
    HttpResponse<String> r = quotientFamilial(accessToken("openid identite_pivot"));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("00100");
  }

  @Test
  void dataScopesNotGranted_issuesATokenWithoutThem_thatApiParticulierRefuses() throws Exception {
    fc.misbehave(Misbehaviour.DATA_SCOPES_NOT_GRANTED);
    String token = accessToken("openid identite_pivot cnaf_quotient_familial");

    assertThat(fc.introspect(token).orElseThrow().scopes())
        .containsExactly("openid", "identite_pivot");
    assertThat(quotientFamilial(token).statusCode()).isEqualTo(403);
  }

  @Test
  void apiParticulier_refusesAnExpiredToken_401() throws Exception {
    String token = accessToken("openid identite_pivot cnaf_quotient_familial");
    clock.advance(Duration.ofSeconds(61));

    HttpResponse<String> r = quotientFamilial(token);

    assertThat(fc.introspect(token).orElseThrow().active()).isFalse();
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("00103");
  }

  @Test
  void revokeAccessTokens_endsEveryTokenForDataProviders() throws Exception {
    String token = accessToken("openid identite_pivot cnaf_quotient_familial");
    fc.revokeAccessTokens();

    assertThat(fc.introspect(token)).isEmpty();
    assertThat(quotientFamilial(token).statusCode()).isEqualTo(401);
  }

  @Test
  void apiParticulier_refusesARevokedToken_401() throws Exception {
    String token = accessToken("openid identite_pivot cnaf_quotient_familial");
    HttpResponse<String> revoked =
        client.postForm(
            URI.create(fc.issuer() + "/token/revocation"),
            new java.util.LinkedHashMap<>(
                Map.of(
                    "token", token,
                    "client_id", fc.clientId(),
                    "client_secret", fc.clientSecret().reveal())));
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);

    HttpResponse<String> r = quotientFamilial(token);

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("00101");
  }
}
