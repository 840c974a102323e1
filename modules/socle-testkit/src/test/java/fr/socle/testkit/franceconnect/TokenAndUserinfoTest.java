package fr.socle.testkit.franceconnect;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.testkit.TestClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("FranceConnect simulator: token, userinfo and revocation endpoints")
class TokenAndUserinfoTest {
  private final TestClock clock = TestClock.atSystemTime();
  private FranceConnectSimulator sim;
  private RawOidcClient client;
  private URI token;
  private URI userinfo;

  @BeforeEach
  void start() {
    sim = FranceConnectSimulator.builder().clock(clock).build().start();
    client = new RawOidcClient(sim);
    token = URI.create(sim.issuer() + "/token");
    userinfo = URI.create(sim.issuer() + "/userinfo");
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private Map<String, String> params;

  private String code() {
    params = client.validParameters();
    return RawOidcClient.query(client.loginThroughPage(params, "test")).get("code");
  }

  @Test
  void token_whenClientSecretBasic_isInvalidClient() {
    Map<String, String> form = client.tokenParameters(code(), params);
    form.remove("client_secret");
    String basic =
        Base64.getEncoder()
            .encodeToString((sim.clientId() + ":" + sim.clientSecret().reveal()).getBytes());
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(RawOidcClient.form(form)))
                .build());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(RawOidcClient.json(response.body())).containsEntry("error", "invalid_client");
  }

  @Test
  void token_whenWrongSecret_isInvalidClient() {
    Map<String, String> form = client.tokenParameters(code(), params);
    form.put("client_secret", "x".repeat(64));
    HttpResponse<String> response = client.postForm(token, form);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(RawOidcClient.json(response.body())).containsEntry("error", "invalid_client");
  }

  @Test
  void token_whenCodeReplayed_isInvalidGrantAndRevokesTheFirstAccessToken() {
    String code = code();
    Map<String, Object> first = client.token(code, params);
    HttpResponse<String> replay = client.postForm(token, client.tokenParameters(code, params));

    assertThat(replay.statusCode()).isEqualTo(400);
    assertThat(RawOidcClient.json(replay.body())).containsEntry("error", "invalid_grant");
    assertThat(client.get(userinfo, (String) first.get("access_token")).statusCode())
        .isEqualTo(401);
  }

  @Test
  void token_whenCodeOlderThan30Seconds_isInvalidGrant() {
    String code = code();
    clock.advance(Duration.ofSeconds(31));
    HttpResponse<String> response = client.postForm(token, client.tokenParameters(code, params));
    assertThat(RawOidcClient.json(response.body())).containsEntry("error", "invalid_grant");
  }

  @Test
  void token_whenCodeExactly30SecondsOld_isAccepted() {
    String code = code();
    clock.advance(Duration.ofSeconds(30));
    assertThat(client.postForm(token, client.tokenParameters(code, params)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void token_whenRedirectUriDiffers_isInvalidGrant() {
    Map<String, String> form = client.tokenParameters(code(), params);
    form.put("redirect_uri", "http://localhost:8080/elsewhere");
    assertThat(RawOidcClient.json(client.postForm(token, form).body()))
        .containsEntry("error", "invalid_grant");
  }

  @Test
  void token_whenJsonBody_isInvalidRequest() {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(RawOidcClient.json(response.body())).containsEntry("error", "invalid_request");
  }

  @Test
  void token_whenOtherGrantType_isUnsupported() {
    Map<String, String> form = client.tokenParameters(code(), params);
    form.put("grant_type", "refresh_token");
    assertThat(RawOidcClient.json(client.postForm(token, form).body()))
        .containsEntry("error", "unsupported_grant_type");
  }

  @Test
  @DisplayName("userinfo accepts the token in the query, as FC does, and records it")
  void userinfo_whenTokenInQuery_isAcceptedAndRecorded() {
    String access = (String) client.token(code(), params).get("access_token");
    HttpResponse<String> response = client.get(URI.create(userinfo + "?access_token=" + access));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(sim.lastUserinfoTokenInQuery()).isTrue();
    String again = (String) client.token(code(), params).get("access_token");
    assertThat(client.get(userinfo, again).statusCode()).isEqualTo(200);
    assertThat(sim.lastUserinfoTokenInQuery()).isFalse();
  }

  @Test
  void userinfo_whenTokenInQueryAndHeader_isRefused() {
    String access = (String) client.token(code(), params).get("access_token");
    HttpResponse<String> response =
        client.get(URI.create(userinfo + "?access_token=" + access), access);
    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Test
  void userinfo_whenAccessTokenOlderThan60Seconds_isInvalidToken() {
    String access = (String) client.token(code(), params).get("access_token");
    clock.advance(Duration.ofSeconds(61));
    HttpResponse<String> response = client.get(userinfo, access);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("invalid_token");
  }

  @Test
  void userinfo_whenNoBearer_isUnauthorized() {
    assertThat(client.get(userinfo).statusCode()).isEqualTo(401);
  }

  @Test
  void expiredState_isForgotten() {
    for (int i = 0; i < 3; i++) {
      client.token(code(), params);
    }
    RawOidcClient.location(client.get(client.authorizeUri(client.validParameters())));
    int held = sim.heldState();
    assertThat(held).isGreaterThan(0);

    clock.advance(Duration.ofHours(13));
    RawOidcClient.location(client.get(client.authorizeUri(client.validParameters())));

    assertThat(sim.heldState()).isEqualTo(1); // only the page just opened
  }

  @Test
  void revocation_revokesTheAccessToken() {
    String access = (String) client.token(code(), params).get("access_token");
    Map<String, String> form =
        Map.of(
            "token",
            access,
            "client_id",
            sim.clientId(),
            "client_secret",
            sim.clientSecret().reveal());
    assertThat(client.postForm(URI.create(sim.issuer() + "/token/revocation"), form).statusCode())
        .isEqualTo(200);
    assertThat(client.get(userinfo, access).statusCode()).isEqualTo(401);
  }
}
