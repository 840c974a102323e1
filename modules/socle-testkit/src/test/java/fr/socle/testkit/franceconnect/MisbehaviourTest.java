package fr.socle.testkit.franceconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("FranceConnect simulator: misbehaviour on demand and key rotation")
class MisbehaviourTest {
  @RegisterExtension
  static final FranceConnectSimulatorExtension FC = FranceConnectSimulatorExtension.of(Flavour.FC);

  private Map<String, String> params;

  private Map<String, Object> login(RawOidcClient client) {
    params = client.validParameters();
    return client.fullLogin(params, "test");
  }

  private static JWTClaimsSet claims(String jwt) throws Exception {
    return JWTParser.parse(jwt).getJWTClaimsSet();
  }

  @Test
  void badIdTokenSignature_keepsThePublishedKidButDoesNotVerify() throws Exception {
    FranceConnectSimulator sim = FC.simulator();
    RawOidcClient client = new RawOidcClient(sim);
    sim.misbehave(Misbehaviour.BAD_ID_TOKEN_SIGNATURE);
    String idToken = (String) login(client).get("id_token");

    assertThat(SignedJWT.parse(idToken).getHeader().getKeyID()).isEqualTo(sim.currentKeyId());
    assertThatThrownBy(() -> client.verify(idToken)).hasMessageContaining("Signed JWT rejected");
  }

  @Test
  void badUserinfoSignature_doesNotVerify() {
    FranceConnectSimulator sim = FC.simulator();
    RawOidcClient client = new RawOidcClient(sim);
    sim.misbehave(Misbehaviour.BAD_USERINFO_SIGNATURE);
    String access = (String) login(client).get("access_token");
    String body = client.get(URI.create(sim.issuer() + "/userinfo"), access).body();
    assertThatThrownBy(() -> client.verify(body)).hasMessageContaining("Signed JWT rejected");
  }

  @Test
  void algNone_sendsAnUnsignedIdToken() throws Exception {
    FC.simulator().misbehave(Misbehaviour.ID_TOKEN_ALG_NONE);
    String idToken = (String) login(new RawOidcClient(FC.simulator())).get("id_token");
    assertThat(JWTParser.parse(idToken)).isInstanceOf(PlainJWT.class);
  }

  @Test
  void hs256_sendsAnIdTokenMacedWithTheClientSecret() throws Exception {
    FC.simulator().misbehave(Misbehaviour.ID_TOKEN_HS256);
    SignedJWT jwt =
        SignedJWT.parse((String) login(new RawOidcClient(FC.simulator())).get("id_token"));
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
    assertThat(jwt.verify(new MACVerifier(FC.simulator().clientSecret().revealBytes()))).isTrue();
  }

  @Test
  void claimMisbehaviours_changeExactlyTheClaimConcerned() throws Exception {
    FranceConnectSimulator sim = FC.simulator();
    RawOidcClient client = new RawOidcClient(sim);

    sim.misbehave(Misbehaviour.WRONG_ISSUER);
    assertThat(claims((String) login(client).get("id_token")).getIssuer())
        .isNotEqualTo(sim.issuer());
    sim.behave();

    sim.misbehave(Misbehaviour.WRONG_AUDIENCE);
    assertThat(claims((String) login(client).get("id_token")).getAudience())
        .doesNotContain(sim.clientId());
    sim.behave();

    sim.misbehave(Misbehaviour.MISSING_SUB, Misbehaviour.MISSING_IAT);
    JWTClaimsSet noSub = claims((String) login(client).get("id_token"));
    assertThat(noSub.getSubject()).isNull();
    assertThat(noSub.getIssueTime()).isNull();
    sim.behave();

    sim.misbehave(Misbehaviour.NONCE_MISMATCH);
    assertThat(claims((String) login(client).get("id_token")).getStringClaim("nonce"))
        .isNotEqualTo(params.get("nonce"));
    sim.behave();

    sim.misbehave(Misbehaviour.WRONG_AT_HASH);
    Map<String, Object> tokens = login(client);
    assertThat(claims((String) tokens.get("id_token")).getStringClaim("at_hash"))
        .isNotEqualTo(TokenMinter.atHash((String) tokens.get("access_token")));
    sim.behave();

    sim.misbehave(Misbehaviour.ACR_TOO_LOW);
    assertThat(claims((String) login(client).get("id_token")).getStringClaim("acr"))
        .isEqualTo("eidas0");
    sim.behave();

    sim.misbehave(Misbehaviour.EXPIRED_ID_TOKEN);
    JWTClaimsSet expired = claims((String) login(client).get("id_token"));
    assertThat(expired.getExpirationTime()).isInThePast();
  }

  @Test
  void userinfoSubMismatch_andPlainJson() throws Exception {
    FranceConnectSimulator sim = FC.simulator();
    RawOidcClient client = new RawOidcClient(sim);
    URI userinfo = URI.create(sim.issuer() + "/userinfo");

    sim.misbehave(Misbehaviour.USERINFO_SUB_MISMATCH);
    Map<String, Object> tokens = login(client);
    assertThat(
            client
                .verify(client.get(userinfo, (String) tokens.get("access_token")).body())
                .getSubject())
        .isNotEqualTo(claims((String) tokens.get("id_token")).getSubject());
    sim.behave();

    sim.misbehave(Misbehaviour.USERINFO_PLAIN_JSON);
    HttpResponse<String> json = client.get(userinfo, (String) login(client).get("access_token"));
    assertThat(json.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    assertThat(RawOidcClient.json(json.body())).containsKey("sub");
  }

  @Test
  void htmlErrorPage_replacesTokenJson() {
    FranceConnectSimulator sim = FC.simulator();
    RawOidcClient client = new RawOidcClient(sim);
    params = client.validParameters();
    String code = RawOidcClient.query(client.loginThroughPage(params, "test")).get("code");
    sim.misbehave(Misbehaviour.HTML_ERROR_PAGE);
    HttpResponse<String> response =
        client.postForm(URI.create(sim.issuer() + "/token"), client.tokenParameters(code, params));
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
  }

  @Test
  void jwksDown_answers503() {
    FC.simulator().misbehave(Misbehaviour.JWKS_DOWN);
    assertThat(
            new RawOidcClient(FC.simulator())
                .get(URI.create(FC.simulator().issuer() + "/jwks"))
                .statusCode())
        .isEqualTo(503);
  }

  @Test
  void discoveryIssuerMismatch_advertisesAnotherIssuer() {
    FC.simulator().misbehave(Misbehaviour.DISCOVERY_ISSUER_MISMATCH);
    RawOidcClient client = new RawOidcClient(FC.simulator());
    assertThat(RawOidcClient.json(client.get(FC.simulator().discoveryUri()).body()).get("issuer"))
        .isNotEqualTo(FC.simulator().issuer());
  }

  @Test
  void callbackIss_canBeOmittedOrWrong() {
    FranceConnectSimulator sim = FC.simulator();
    RawOidcClient client = new RawOidcClient(sim);
    sim.misbehave(Misbehaviour.CALLBACK_WITHOUT_ISS);
    assertThat(RawOidcClient.query(client.loginThroughPage(client.validParameters(), "test")))
        .doesNotContainKey("iss")
        .containsKey("code");
    sim.behave();
    sim.misbehave(Misbehaviour.CALLBACK_WRONG_ISS);
    assertThat(
            RawOidcClient.query(client.loginThroughPage(client.validParameters(), "test"))
                .get("iss"))
        .isNotEqualTo(sim.issuer());
  }

  @Test
  void kidAbsent_singleAndMultipleKeys() throws Exception {
    FranceConnectSimulator sim = FC.simulator();
    RawOidcClient client = new RawOidcClient(sim);
    sim.misbehave(Misbehaviour.KID_ABSENT_SINGLE_KEY);
    String idToken = (String) login(client).get("id_token");
    assertThat(SignedJWT.parse(idToken).getHeader().getKeyID()).isNull();
    JWKSet single = client.jwks();
    assertThat(single.getKeys()).hasSize(1);
    assertThat(single.getKeys().get(0).getKeyID()).isNull();
    assertThat(client.verify(idToken).getIssuer()).isEqualTo(sim.issuer());
    sim.behave();

    sim.misbehave(Misbehaviour.KID_ABSENT_MULTIPLE_KEYS);
    String other = (String) login(client).get("id_token");
    assertThat(client.jwks().getKeys()).hasSize(2).allMatch(k -> k.getKeyID() == null);
    // Trying every key finds the one that signed.
    assertThat(client.verify(other).getIssuer()).isEqualTo(sim.issuer());
  }

  @Test
  void rotateKeys_publishesANewKidAndDropsTheOldKey() throws Exception {
    FranceConnectSimulator sim = FC.simulator();
    RawOidcClient client = new RawOidcClient(sim);
    String before = sim.currentKeyId();
    String oldToken = (String) login(client).get("id_token");

    sim.rotateKeys();

    assertThat(sim.currentKeyId()).isNotEqualTo(before);
    assertThat(client.jwks().getKeyByKeyId(before)).isNull();
    assertThat(client.jwks().getKeyByKeyId(sim.currentKeyId())).isNotNull();
    assertThatThrownBy(() -> client.verify(oldToken)).isInstanceOf(Exception.class);
    String newToken = (String) login(client).get("id_token");
    assertThat(SignedJWT.parse(newToken).getHeader().getKeyID()).isEqualTo(sim.currentKeyId());
    assertThat(client.verify(newToken).getIssuer()).isEqualTo(sim.issuer());
  }

  @Test
  void rs256_signsWithAnRsaKey() throws Exception {
    try (FranceConnectSimulator sim =
        FranceConnectSimulator.builder().signingAlgorithm(SigningAlgorithm.RS256).build().start()) {
      RawOidcClient client = new RawOidcClient(sim);
      String idToken = (String) client.fullLogin(client.validParameters(), "test").get("id_token");
      assertThat(SignedJWT.parse(idToken).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
      assertThat(client.verify(idToken).getIssuer()).isEqualTo(sim.issuer());
    }
  }

  @Test
  void extension_resetsMisbehavioursAfterEachTest_part1() {
    FC.simulator().misbehave(Misbehaviour.JWKS_DOWN);
    FC.simulator().selectUser(TestIdentity.CORSICA);
    assertThat(FC.simulator().misbehaviours()).containsExactly(Misbehaviour.JWKS_DOWN);
  }

  @Test
  void extension_resetsMisbehavioursAfterEachTest_part2(FranceConnectSimulator injected) {
    assertThat(injected).isSameAs(FC.simulator());
    // Whichever of the two "parts" runs first, the other sees a clean simulator.
    injected.misbehave(Misbehaviour.HTML_ERROR_PAGE);
    assertThat(injected.misbehaviours()).containsExactly(Misbehaviour.HTML_ERROR_PAGE);
  }

  @Test
  void misbehaviours_areEmptyAtTestStart() {
    assertThat(FC.simulator().misbehaviours()).isEmpty();
  }
}
