package fr.socle.testkit.franceconnect;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import fr.socle.core.InvalidInputException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("ProConnect simulator: agents, public sub, PKCE, prompt=none")
class ProConnectTest {
  @RegisterExtension
  static final FranceConnectSimulatorExtension PC =
      FranceConnectSimulatorExtension.of(
          FranceConnectSimulator.builder()
              .flavour(Flavour.PROCONNECT)
              .signingAlgorithm(SigningAlgorithm.RS256));

  @Test
  void discovery_advertisesPkceAndPublicSubjects() {
    Map<String, Object> doc =
        RawOidcClient.json(
            new RawOidcClient(PC.simulator()).get(PC.simulator().discoveryUri()).body());
    assertThat(doc.get("code_challenge_methods_supported")).asList().containsExactly("S256");
    assertThat(doc.get("subject_types_supported")).asList().containsExactly("public");
    assertThat(doc.get("acr_values_supported")).asList().contains("eidas0", "eidas1-mfa");
    assertThat(doc.get("id_token_signing_alg_values_supported"))
        .asList()
        .containsExactly("ES256", "RS256", "HS256");
  }

  @Test
  void login_withPkce_returnsAgentClaims() throws Exception {
    FranceConnectSimulator sim = PC.simulator();
    RawOidcClient client = new RawOidcClient(sim);
    Map<String, String> params = client.validParameters();
    String verifier = RawOidcClient.random64();
    params.put("code_challenge", s256(verifier));
    params.put("code_challenge_method", "S256");
    String code = RawOidcClient.query(client.loginThroughPage(params, "test@fia1.fr")).get("code");

    Map<String, String> form = client.tokenParameters(code, params);
    form.put("code_verifier", verifier);
    Map<String, Object> tokens =
        RawOidcClient.json(client.postForm(URI.create(sim.issuer() + "/token"), form).body());
    JWTClaimsSet id = client.verify((String) tokens.get("id_token"));
    assertThat(id.getSubject()).matches("[0-9a-f-]{36}");
    assertThat(id.getStringClaim("idp_id")).isEqualTo("fia1v2");
    assertThat(id.getStringClaim("acr")).isEqualTo("eidas1");

    JWTClaimsSet info =
        client.verify(
            client
                .get(URI.create(sim.issuer() + "/userinfo"), (String) tokens.get("access_token"))
                .body());
    assertThat(info.getStringClaim("usual_name")).isEqualTo("DUBOIS");
    assertThat(info.getStringClaim("siret")).isEqualTo("13002526500013");
    assertThat(info.getStringClaim("uid")).isEqualTo("1");
    assertThat(info.getStringClaim("idp_id")).isEqualTo("fia1v2");
    assertThat(info.getClaims()).doesNotContainKeys("family_name", "birthdate");
  }

  @Test
  void token_whenPkceVerifierWrongOrMissing_isInvalidGrant() {
    FranceConnectSimulator sim = PC.simulator();
    RawOidcClient client = new RawOidcClient(sim);
    Map<String, String> params = client.validParameters();
    params.put("code_challenge", s256(RawOidcClient.random64()));
    params.put("code_challenge_method", "S256");
    String code = RawOidcClient.query(client.loginThroughPage(params, "test@fia1.fr")).get("code");

    Map<String, String> form = client.tokenParameters(code, params);
    form.put("code_verifier", RawOidcClient.random64());
    assertThat(
            RawOidcClient.json(client.postForm(URI.create(sim.issuer() + "/token"), form).body()))
        .containsEntry("error", "invalid_grant");
  }

  @Test
  void authorize_whenUnknownParameter_showsY000400() {
    RawOidcClient client = new RawOidcClient(PC.simulator());
    Map<String, String> params = client.validParameters();
    params.put("response_mode", "query");
    assertThat(client.get(client.authorizeUri(params)).body()).contains(">Y000400<");
  }

  @Test
  void authorize_whenPlainPkce_showsY000400() {
    RawOidcClient client = new RawOidcClient(PC.simulator());
    Map<String, String> params = client.validParameters();
    params.put("code_challenge", s256("x".repeat(43)));
    params.put("code_challenge_method", "plain");
    assertThat(client.get(client.authorizeUri(params)).body()).contains(">Y000400<");
  }

  @Test
  void authorize_whenRedirectUriUnknown_showsY030031() {
    RawOidcClient client = new RawOidcClient(PC.simulator());
    Map<String, String> params = client.validParameters();
    params.put("redirect_uri", "https://elsewhere.example/cb");
    assertThat(client.get(client.authorizeUri(params)).body()).contains(">Y030031<");
  }

  @Test
  void authorize_whenPromptNone_redirectsLoginRequired() {
    RawOidcClient client = new RawOidcClient(PC.simulator());
    Map<String, String> params = client.validParameters();
    params.put("prompt", "none");
    assertThat(RawOidcClient.query(RawOidcClient.location(client.get(client.authorizeUri(params)))))
        .containsEntry("error", "login_required");
  }

  @Test
  void authorize_withoutNonceOrAcr_isAcceptedAndEidas0Granted() throws Exception {
    RawOidcClient client = new RawOidcClient(PC.simulator());
    Map<String, String> params = client.validParameters();
    params.remove("nonce");
    params.put("acr_values", "eidas0");
    Map<String, Object> tokens = client.fullLogin(params, "user@yopmail.com");
    assertThat(client.verify((String) tokens.get("id_token")).getStringClaim("acr"))
        .isEqualTo("eidas0");
  }

  private static Map<String, String> withClaims(RawOidcClient client, String claims) {
    Map<String, String> params = client.validParameters();
    params.remove("acr_values");
    params.put("claims", claims);
    return params;
  }

  @Test
  @DisplayName("2026: a level asked through claims (essential acr values) is granted")
  void authorize_whenAcrInClaims_grantsIt() throws Exception {
    RawOidcClient client = new RawOidcClient(PC.simulator());
    Map<String, String> params =
        withClaims(client, "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"eidas0\"]}}}");
    JWTClaimsSet id =
        client.verify((String) client.fullLogin(params, "test@fia1.fr").get("id_token"));
    assertThat(id.getStringClaim("acr")).isEqualTo("eidas0");
  }

  @Test
  @DisplayName("MFA asked: ProConnect's e-mail code answers eidas1-mfa with amr mail")
  void authorize_whenMfaAsked_answersEidas1MfaWithMailAmr() throws Exception {
    RawOidcClient client = new RawOidcClient(PC.simulator());
    Map<String, String> params =
        withClaims(
            client,
            "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"eidas0-mfa\","
                + "\"eidas1-mfa\",\"eidas2\",\"eidas3\"]},\"amr\":{\"essential\":true}}}");
    JWTClaimsSet id =
        client.verify((String) client.fullLogin(params, "test@fia1.fr").get("id_token"));
    assertThat(id.getStringClaim("acr")).isEqualTo("eidas1-mfa");
    assertThat(id.getStringListClaim("amr")).contains("mail");
  }

  @Test
  @DisplayName("the ACR URIs removed on 18 June 2026 are refused")
  void authorize_whenLegacyAcrUri_redirectsInvalidRequest() {
    RawOidcClient client = new RawOidcClient(PC.simulator());
    Map<String, String> params =
        withClaims(
            client,
            "{\"id_token\":{\"acr\":{\"essential\":true,\"value\":"
                + "\"https://proconnect.gouv.fr/assurance/self-asserted-2fa\"}}}");
    assertThat(RawOidcClient.query(RawOidcClient.location(client.get(client.authorizeUri(params)))))
        .containsEntry("error", "invalid_request");
  }

  @Test
  @DisplayName("roles and organization_label follow the organisation of the SIRET")
  void userinfo_releasesRolesAndOrganizationLabel() throws Exception {
    RawOidcClient client = new RawOidcClient(PC.simulator());
    Map<String, String> params = client.validParameters();
    params.put("scope", "openid siret roles organization_label");
    Map<String, Object> tokens = client.fullLogin(params, "prestataire@fia1.fr");
    JWTClaimsSet info =
        client.verify(
            client
                .get(
                    URI.create(PC.simulator().issuer() + "/userinfo"),
                    (String) tokens.get("access_token"))
                .body());
    assertThat(info.getStringListClaim("roles"))
        .containsExactly("agent_public", "agent_public_territorial");
    assertThat(info.getStringClaim("organization_label")).isEqualTo("Commune de Montpellier");
  }

  @Test
  @DisplayName("access tokens live an hour and a refresh token gives a new one")
  void token_issuesHourLongAccessTokenAndRefreshToken() {
    RawOidcClient client = new RawOidcClient(PC.simulator());
    Map<String, Object> tokens = client.fullLogin(client.validParameters(), "test@fia1.fr");
    assertThat(tokens).containsEntry("expires_in", 3600L).containsKey("refresh_token");
    Map<String, String> form = new java.util.LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", (String) tokens.get("refresh_token"));
    form.put("client_id", PC.simulator().clientId());
    form.put("client_secret", PC.simulator().clientSecret().reveal());
    URI token = URI.create(PC.simulator().issuer() + "/token");
    Map<String, Object> refreshed = RawOidcClient.json(client.postForm(token, form).body());
    assertThat(refreshed).containsKey("access_token").containsEntry("expires_in", 3600L);
    assertThat(
            client
                .get(
                    URI.create(PC.simulator().issuer() + "/userinfo"),
                    (String) refreshed.get("access_token"))
                .statusCode())
        .isEqualTo(200);
    form.put("refresh_token", "forged-" + tokens.get("refresh_token"));
    assertThat(RawOidcClient.json(client.postForm(token, form).body()))
        .containsEntry("error", "invalid_grant");
  }

  @Test
  void sub_isTheSameForEveryServiceProvider() throws Exception {
    RawOidcClient client = new RawOidcClient(PC.simulator());
    String sub =
        client
            .verify(
                (String) client.fullLogin(client.validParameters(), "test@fia1.fr").get("id_token"))
            .getSubject();
    try (FranceConnectSimulator other =
        FranceConnectSimulator.builder()
            .flavour(Flavour.PROCONNECT)
            .clientId("other")
            .build()
            .start()) {
      RawOidcClient otherClient = new RawOidcClient(other);
      assertThat(
              otherClient
                  .verify(
                      (String)
                          otherClient
                              .fullLogin(otherClient.validParameters(), "test@fia1.fr")
                              .get("id_token"))
                  .getSubject())
          .isEqualTo(sub);
    }
  }

  @Test
  void hs256Registration_macsTokensWithTheClientSecret() throws Exception {
    try (FranceConnectSimulator sim =
        FranceConnectSimulator.builder()
            .flavour(Flavour.PROCONNECT)
            .signingAlgorithm(SigningAlgorithm.HS256)
            .build()
            .start()) {
      RawOidcClient client = new RawOidcClient(sim);
      Map<String, Object> tokens = client.fullLogin(client.validParameters(), "test@fia1.fr");
      com.nimbusds.jwt.SignedJWT id =
          com.nimbusds.jwt.SignedJWT.parse((String) tokens.get("id_token"));
      assertThat(id.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
      assertThat(
              id.verify(new com.nimbusds.jose.crypto.MACVerifier(sim.clientSecret().revealBytes())))
          .isTrue();
      String info =
          client
              .get(URI.create(sim.issuer() + "/userinfo"), (String) tokens.get("access_token"))
              .body();
      assertThat(
              com.nimbusds.jwt.SignedJWT.parse(info)
                  .verify(
                      new com.nimbusds.jose.crypto.MACVerifier(sim.clientSecret().revealBytes())))
          .isTrue();

      sim.misbehave(Misbehaviour.BAD_ID_TOKEN_SIGNATURE);
      com.nimbusds.jwt.SignedJWT bad =
          com.nimbusds.jwt.SignedJWT.parse(
              (String) client.fullLogin(client.validParameters(), "test@fia1.fr").get("id_token"));
      assertThat(
              bad.verify(
                  new com.nimbusds.jose.crypto.MACVerifier(sim.clientSecret().revealBytes())))
          .isFalse();
    }
  }

  @Test
  void hs256_outsideProConnect_isRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> FranceConnectSimulator.builder().signingAlgorithm(SigningAlgorithm.HS256).build())
        .isInstanceOf(InvalidInputException.class);
  }

  private static String s256(String verifier) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
