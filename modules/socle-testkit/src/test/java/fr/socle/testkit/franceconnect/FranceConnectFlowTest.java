package fr.socle.testkit.franceconnect;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("FranceConnect v2 simulator: the nominal flow over plain HTTP")
class FranceConnectFlowTest {
  @RegisterExtension
  static final FranceConnectSimulatorExtension FC = FranceConnectSimulatorExtension.of(Flavour.FC);

  @Test
  void discovery_advertisesApiV2EndpointsAndRfc9207() {
    FranceConnectSimulator sim = FC.simulator();
    RawOidcClient client = new RawOidcClient(sim);
    HttpResponse<String> response = client.get(sim.discoveryUri());

    assertThat(sim.issuer()).matches("http://127\\.0\\.0\\.1:\\d+/api/v2");
    Map<String, Object> doc = RawOidcClient.json(response.body());
    assertThat(doc)
        .containsEntry("issuer", sim.issuer())
        .containsEntry("authorization_endpoint", sim.issuer() + "/authorize")
        .containsEntry("token_endpoint", sim.issuer() + "/token")
        .containsEntry("userinfo_endpoint", sim.issuer() + "/userinfo")
        .containsEntry("jwks_uri", sim.issuer() + "/jwks")
        .containsEntry("end_session_endpoint", sim.issuer() + "/session/end")
        .containsEntry("authorization_response_iss_parameter_supported", true);
    assertThat(doc.get("subject_types_supported")).asList().containsExactly("pairwise");
    assertThat(doc.get("acr_values_supported")).asList().containsExactly("eidas1");
    assertThat(doc.get("id_token_signing_alg_values_supported"))
        .asList()
        .containsExactly("ES256", "RS256");
    assertThat(doc).doesNotContainKey("code_challenge_methods_supported");
    assertThat(doc)
        .doesNotContainKeys("frontchannel_logout_supported", "backchannel_logout_supported")
        .containsEntry("request_parameter_supported", true);
    // fcp-low.scopes.ts has no address nor phone scope since 2025
    assertThat(doc.get("scopes_supported")).asList().doesNotContain("address", "phone");
  }

  @Test
  @DisplayName("idp_id is the sandbox identity provider's uid, a UUID")
  void idpId_isTheSandboxIdentityProviderUuid() throws Exception {
    FranceConnectSimulator sim = FC.simulator();
    RawOidcClient client = new RawOidcClient(sim);
    Map<String, String> params = client.validParameters();
    params.put("scope", "openid idp_id");
    Map<String, Object> tokens = client.fullLogin(params, "test");
    HttpResponse<String> userinfo =
        client.get(URI.create(sim.issuer() + "/userinfo"), (String) tokens.get("access_token"));
    assertThat(client.verify(userinfo.body()).getStringClaim("idp_id"))
        .isEqualTo("e1e90d50-cca0-4a85-9db3-0bcc190ee6f7");
  }

  @Test
  void fullFlow_whenPlainClient_getsSignedIdTokenAndJwtUserinfo() throws Exception {
    FranceConnectSimulator sim = FC.simulator();
    RawOidcClient client = new RawOidcClient(sim);
    Map<String, String> params = client.validParameters();

    URI callback = client.loginThroughPage(params, "test");
    Map<String, String> q = RawOidcClient.query(callback);
    assertThat(callback.toString()).startsWith(sim.redirectUris().get(0).toString() + "?");
    assertThat(q).containsEntry("state", params.get("state")).containsEntry("iss", sim.issuer());

    Map<String, Object> tokens = client.token(q.get("code"), params);
    assertThat(tokens)
        .containsEntry("token_type", "Bearer")
        .containsEntry("expires_in", 60L)
        .containsKeys("access_token", "id_token");
    assertThat(sim.lastTokenParameters()).containsEntry("client_secret", "<redacted>");

    String idToken = (String) tokens.get("id_token");
    SignedJWT jws = SignedJWT.parse(idToken);
    assertThat(jws.getHeader().getKeyID()).isEqualTo(sim.currentKeyId()).startsWith("pkcs11:ES256");
    JWTClaimsSet claims = client.verify(idToken);
    assertThat(claims.getIssuer()).isEqualTo(sim.issuer());
    assertThat(claims.getAudience()).containsExactly(sim.clientId());
    assertThat(claims.getStringClaim("nonce")).isEqualTo(params.get("nonce"));
    assertThat(claims.getStringClaim("acr")).isEqualTo("eidas1");
    assertThat(claims.getSubject()).matches("[0-9a-f]{64}v1");
    assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime())
        .isEqualTo(60_000);
    assertThat(claims.getStringClaim("at_hash"))
        .isEqualTo(TokenMinter.atHash((String) tokens.get("access_token")));
    assertThat(claims.getClaim("amr")).isNull();
    // back-channel logout is disabled at FranceConnect: the provider adds no sid
    assertThat(claims.getClaims()).doesNotContainKey("sid");

    HttpResponse<String> userinfo =
        client.get(URI.create(sim.issuer() + "/userinfo"), (String) tokens.get("access_token"));
    assertThat(userinfo.statusCode()).isEqualTo(200);
    assertThat(userinfo.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/jwt");
    JWTClaimsSet info = client.verify(userinfo.body());
    assertThat(info.getSubject()).isEqualTo(claims.getSubject());
    assertThat(info.getIssuer()).isEqualTo(sim.issuer());
    assertThat(info.getAudience()).containsExactly(sim.clientId());
    assertThat(info.getStringClaim("given_name")).isEqualTo("Angela Claire Louise");
    assertThat(info.getStringListClaim("given_name_array"))
        .containsExactly("Angela", "Claire", "Louise");
    assertThat(info.getStringClaim("family_name")).isEqualTo("DUBOIS");
    assertThat(info.getStringClaim("birthdate")).isEqualTo("1962-08-24");
    assertThat(info.getStringClaim("idp_birthdate")).isEqualTo("1962-08-24");
    assertThat(info.getStringClaim("gender")).isEqualTo("female");
    assertThat(info.getStringClaim("birthplace")).isEqualTo("75107");
    assertThat(info.getStringClaim("birthcountry")).isEqualTo("99100");
    assertThat(info.getStringClaim("email")).isEqualTo("wossewodda-3728@yopmail.com");
    assertThat(info.getClaims()).doesNotContainKey("preferred_username");
  }

  @Test
  void userinfo_releasesOnlyTheClaimsOfTheRequestedScopes() throws Exception {
    RawOidcClient client = new RawOidcClient(FC.simulator());
    Map<String, String> params = client.validParameters();
    params.put("scope", "openid given_name");
    Map<String, Object> tokens = client.fullLogin(params, "test");

    JWTClaimsSet info =
        client.verify(
            client
                .get(
                    URI.create(FC.simulator().issuer() + "/userinfo"),
                    (String) tokens.get("access_token"))
                .body());
    assertThat(info.getClaims().keySet())
        .containsExactlyInAnyOrder(
            "sub", "given_name", "given_name_array", "iss", "aud", "iat", "exp");
  }

  @Test
  void amr_whenRequestedThroughClaimsParameter_isInTheIdToken() throws Exception {
    RawOidcClient client = new RawOidcClient(FC.simulator());
    Map<String, String> params = client.validParameters();
    params.put("claims", "{\"id_token\":{\"amr\":{\"essential\":true}}}");
    Map<String, Object> tokens = client.fullLogin(params, "test");

    assertThat(client.verify((String) tokens.get("id_token")).getStringListClaim("amr"))
        .containsExactly("pwd");
  }

  @Test
  void authorize_acceptsPostedForm() {
    RawOidcClient client = new RawOidcClient(FC.simulator());
    HttpResponse<String> response =
        client.postForm(
            URI.create(FC.simulator().issuer() + "/authorize"), client.validParameters());
    assertThat(RawOidcClient.location(response).toString())
        .startsWith(FC.simulator().issuer() + "/interaction/");
  }

  @Test
  void identityPage_listsEveryTestIdentityAndAnAbortButton() {
    RawOidcClient client = new RawOidcClient(FC.simulator());
    URI page = RawOidcClient.location(client.get(client.authorizeUri(client.validParameters())));
    String html = client.get(page).body();

    for (TestIdentity identity : TestIdentity.ALL) {
      assertThat(html).contains("value=\"" + Html.escape(identity.login()) + "\"");
    }
    assertThat(html).contains("/abort\"").contains("<form method=\"post\"");
  }

  @Test
  void abort_redirectsWithAccessDeniedStateAndIss() {
    FranceConnectSimulator sim = FC.simulator();
    RawOidcClient client = new RawOidcClient(sim);
    Map<String, String> params = client.validParameters();
    URI page = RawOidcClient.location(client.get(client.authorizeUri(params)));

    Map<String, String> q =
        RawOidcClient.query(
            RawOidcClient.location(client.postForm(URI.create(page + "/abort"), Map.of())));
    assertThat(q)
        .containsEntry("error", "access_denied")
        .containsEntry("error_description", "User auth aborted")
        .containsEntry("state", params.get("state"))
        .containsEntry("iss", sim.issuer())
        .doesNotContainKey("code");
  }

  @Test
  void selectUser_skipsTheIdentityPage() throws Exception {
    FranceConnectSimulator sim = FC.simulator();
    sim.selectUser(TestIdentity.BORN_ABROAD);
    RawOidcClient client = new RawOidcClient(sim);
    Map<String, String> params = client.validParameters();

    Map<String, String> q =
        RawOidcClient.query(RawOidcClient.location(client.get(client.authorizeUri(params))));
    Map<String, Object> tokens = client.token(q.get("code"), params);
    JWTClaimsSet info =
        client.verify(
            client
                .get(URI.create(sim.issuer() + "/userinfo"), (String) tokens.get("access_token"))
                .body());
    assertThat(info.getStringClaim("birthplace")).isEmpty();
    assertThat(info.getStringClaim("birthcountry")).isEqualTo("99134");
  }

  @Test
  void edgeCaseIdentities_areSentAsTheRealServiceSendsThem() throws Exception {
    RawOidcClient client = new RawOidcClient(FC.simulator());

    JWTClaimsSet partial = userinfo(client, TestIdentity.PARTIAL_BIRTHDATE);
    assertThat(partial.getStringClaim("birthdate")).isEqualTo("1947-01-01");
    assertThat(partial.getStringClaim("idp_birthdate")).isEqualTo("1947");

    JWTClaimsSet month = userinfo(client, TestIdentity.PARTIAL_BIRTHDATE_MONTH);
    assertThat(month.getStringClaim("birthdate")).isEqualTo("1969-04-01");

    JWTClaimsSet corsica = userinfo(client, TestIdentity.CORSICA);
    assertThat(corsica.getStringClaim("birthplace")).isEqualTo("2B002");
    assertThat(corsica.getStringClaim("family_name")).isEqualTo("D'ÉPERNON-LŒUF");

    JWTClaimsSet usage = userinfo(client, TestIdentity.USAGE_NAME);
    assertThat(usage.getStringClaim("preferred_username")).isEqualTo("DUBOIS");
    assertThat(usage.getStringClaim("family_name")).isEqualTo("MARTIN");

    JWTClaimsSet longNames = userinfo(client, TestIdentity.LONG_NAMES);
    assertThat(longNames.getStringClaim("family_name")).hasSizeGreaterThan(50);
    assertThat(longNames.getStringClaim("given_name")).hasSizeGreaterThan(50);

    assertThat(userinfo(client, TestIdentity.NO_FAMILY_NAME).getStringClaim("family_name"))
        .isEmpty();
  }

  @Test
  void sub_isPairwiseAndStable() throws Exception {
    RawOidcClient client = new RawOidcClient(FC.simulator());
    String first = idTokenSub(client, "test");
    String again = idTokenSub(client, "test");
    String other = idTokenSub(client, "avec_nom_dusage");

    assertThat(first).isEqualTo(again).isNotEqualTo(other).hasSize(66).endsWith("v1");
    try (FranceConnectSimulator otherClient =
        FranceConnectSimulator.builder().clientId("another-service-provider").build().start()) {
      assertThat(idTokenSub(new RawOidcClient(otherClient), "test")).isNotEqualTo(first);
    }
  }

  @Test
  void login_helper_followsThePageLikeABrowser() {
    FranceConnectSimulator sim = FC.simulator();
    RawOidcClient client = new RawOidcClient(sim);
    Map<String, String> params = client.validParameters();

    Map<String, String> q = RawOidcClient.query(sim.login(client.authorizeUri(params)));
    assertThat(q).containsKey("code").containsEntry("state", params.get("state"));
    assertThat(sim.lastAuthorizeParameters()).containsEntry("nonce", params.get("nonce"));
    assertThat(RawOidcClient.query(sim.abortLogin(client.authorizeUri(client.validParameters()))))
        .containsEntry("error", "access_denied");
  }

  private static JWTClaimsSet userinfo(RawOidcClient client, TestIdentity who) throws Exception {
    Map<String, String> params = client.validParameters();
    params.put("scope", "openid profile birth email idp_birthdate");
    Map<String, Object> tokens = client.fullLogin(params, who.login());
    return client.verify(
        client
            .get(URI.create(client.sim.issuer() + "/userinfo"), (String) tokens.get("access_token"))
            .body());
  }

  private static String idTokenSub(RawOidcClient client, String login) throws Exception {
    Map<String, Object> tokens = client.fullLogin(client.validParameters(), login);
    return client.verify((String) tokens.get("id_token")).getSubject();
  }
}
