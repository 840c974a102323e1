package fr.socle.testkit.franceconnect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("FranceConnect simulator: RP-initiated logout on /session/end")
class LogoutTest {
  @RegisterExtension
  static final FranceConnectSimulatorExtension FC = FranceConnectSimulatorExtension.of(Flavour.FC);

  private static Map<String, String> logoutParams(FranceConnectSimulator sim, String idToken) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("id_token_hint", idToken);
    p.put("state", RawOidcClient.random64());
    p.put("post_logout_redirect_uri", sim.postLogoutRedirectUris().get(0).toString());
    return p;
  }

  private static URI logoutUri(FranceConnectSimulator sim, Map<String, String> p) {
    return URI.create(sim.issuer() + "/session/end?" + RawOidcClient.form(p));
  }

  private static Map<String, Object> login(RawOidcClient client) {
    return client.fullLogin(client.validParameters(), "test");
  }

  @Test
  void logout_redirectsToRegisteredUriWithSameStateAndEndsTheSession() {
    FranceConnectSimulator sim = FC.simulator();
    RawOidcClient client = new RawOidcClient(sim);
    Map<String, Object> tokens = login(client);
    Map<String, String> p = logoutParams(sim, (String) tokens.get("id_token"));

    URI back = sim.logout(logoutUri(sim, p));

    assertThat(back.toString()).startsWith(p.get("post_logout_redirect_uri") + "?");
    assertThat(RawOidcClient.query(back)).containsEntry("state", p.get("state"));
    assertThat(
            client
                .get(URI.create(sim.issuer() + "/userinfo"), (String) tokens.get("access_token"))
                .statusCode())
        .isEqualTo(401);
    // The hint is spent: a second logout with it is refused.
    assertThat(client.get(logoutUri(sim, p)).body()).contains("Y0429C91");
  }

  @Test
  void logout_whenNoHint_showsErrorPage() {
    FranceConnectSimulator sim = FC.simulator();
    Map<String, String> p = logoutParams(sim, "x");
    p.remove("id_token_hint");
    assertThat(new RawOidcClient(sim).get(logoutUri(sim, p)).body()).contains("Y000400");
  }

  @Test
  void logout_whenHintNotIssuedHere_showsErrorPage() {
    FranceConnectSimulator sim = FC.simulator();
    assertThat(
            new RawOidcClient(sim)
                .get(logoutUri(sim, logoutParams(sim, "eyJhbGciOiJub25lIn0.e30.")))
                .body())
        .contains("Y0429C91");
  }

  @Test
  void logout_whenPostLogoutUriNotRegistered_showsY030111() {
    FranceConnectSimulator sim = FC.simulator();
    RawOidcClient client = new RawOidcClient(sim);
    Map<String, String> p = logoutParams(sim, (String) login(client).get("id_token"));
    p.put("post_logout_redirect_uri", "http://localhost:8080/elsewhere");
    assertThat(client.get(logoutUri(sim, p)).body()).contains("Y030111");
  }

  @Test
  @DisplayName("without state, FC redirects without state (logout-params.dto.ts: optional)")
  void logout_whenStateMissing_redirectsWithoutState() {
    FranceConnectSimulator sim = FC.simulator();
    RawOidcClient client = new RawOidcClient(sim);
    Map<String, String> p = logoutParams(sim, (String) login(client).get("id_token"));
    p.remove("state");
    assertThat(sim.logout(logoutUri(sim, p)).toString())
        .isEqualTo(p.get("post_logout_redirect_uri"));
  }

  @Test
  @DisplayName("without post_logout_redirect_uri, FC ends on its own logged-out page")
  void logout_whenNoPostLogoutUri_showsLoggedOutPage() {
    FranceConnectSimulator sim = FC.simulator();
    RawOidcClient client = new RawOidcClient(sim);
    Map<String, Object> tokens = login(client);
    Map<String, String> p = logoutParams(sim, (String) tokens.get("id_token"));
    p.remove("post_logout_redirect_uri");
    java.net.http.HttpResponse<String> page = client.get(logoutUri(sim, p));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("déconnecté");
    assertThat(
            client
                .get(URI.create(sim.issuer() + "/userinfo"), (String) tokens.get("access_token"))
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  @DisplayName("strict mode: state and post_logout_redirect_uri are required, as documented")
  void logout_whenStrictAndStateMissing_showsErrorPage() {
    try (FranceConnectSimulator sim =
        FranceConnectSimulator.builder().strictLogout(true).build().start()) {
      RawOidcClient client = new RawOidcClient(sim);
      Map<String, String> p = logoutParams(sim, (String) login(client).get("id_token"));
      p.remove("state");
      assertThat(client.get(logoutUri(sim, p)).body()).contains("Y000400");
      p.put("state", RawOidcClient.random64());
      p.remove("post_logout_redirect_uri");
      assertThat(client.get(logoutUri(sim, p)).body()).contains("Y000400");
    }
  }

  @Test
  void logout_whenMisbehavingWithoutState_omitsState() {
    FranceConnectSimulator sim = FC.simulator();
    RawOidcClient client = new RawOidcClient(sim);
    Map<String, String> p = logoutParams(sim, (String) login(client).get("id_token"));
    sim.misbehave(Misbehaviour.LOGOUT_WITHOUT_STATE);
    assertThat(sim.logout(logoutUri(sim, p)).toString())
        .isEqualTo(p.get("post_logout_redirect_uri"));
  }

  @Test
  void logout_whenMisbehavingOtherState_returnsAnotherState() {
    FranceConnectSimulator sim = FC.simulator();
    RawOidcClient client = new RawOidcClient(sim);
    Map<String, String> p = logoutParams(sim, (String) login(client).get("id_token"));
    sim.misbehave(Misbehaviour.LOGOUT_OTHER_STATE);
    assertThat(RawOidcClient.query(sim.logout(logoutUri(sim, p))).get("state"))
        .isNotEqualTo(p.get("state"));
  }
}
