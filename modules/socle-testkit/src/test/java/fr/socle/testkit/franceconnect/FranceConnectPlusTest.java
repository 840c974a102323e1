package fr.socle.testkit.franceconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import fr.socle.core.InvalidInputException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("FranceConnect+ simulator: eidas2/eidas3 and JWS nested in JWE")
class FranceConnectPlusTest {

  @Test
  void idTokenAndUserinfo_areEncryptedToTheClientRsaKey() throws Exception {
    RSAKey clientKey =
        new RSAKeyGenerator(2048).keyID("enc-1").keyUse(KeyUse.ENCRYPTION).generate();
    try (FranceConnectSimulator sim =
        FranceConnectSimulator.builder()
            .flavour(Flavour.FC_PLUS)
            .clientJwks(new JWKSet(clientKey.toPublicJWK()).toString())
            .build()
            .start()) {
      RawOidcClient client = new RawOidcClient(sim);
      Map<String, String> params = client.validParameters();
      Map<String, Object> tokens = client.fullLogin(params, "test");

      JWEObject idJwe = JWEObject.parse((String) tokens.get("id_token"));
      assertThat(idJwe.getHeader().getAlgorithm().getName()).isEqualTo("RSA-OAEP");
      assertThat(idJwe.getHeader().getEncryptionMethod().getName()).isEqualTo("A256GCM");
      assertThat(idJwe.getHeader().getKeyID()).isEqualTo("enc-1");
      assertThat(idJwe.getHeader().getContentType()).isEqualTo("JWT");
      idJwe.decrypt(new RSADecrypter(clientKey));
      JWTClaimsSet claims = client.verify(idJwe.getPayload().toString());
      assertThat(claims.getStringClaim("acr")).isEqualTo("eidas2");
      assertThat(claims.getStringClaim("nonce")).isEqualTo(params.get("nonce"));

      HttpResponse<String> info =
          client.get(URI.create(sim.issuer() + "/userinfo"), (String) tokens.get("access_token"));
      assertThat(info.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("application/jwt");
      JWEObject infoJwe = JWEObject.parse(info.body());
      infoJwe.decrypt(new RSADecrypter(clientKey));
      JWTClaimsSet userinfo = client.verify(infoJwe.getPayload().toString());
      assertThat(userinfo.getSubject()).isEqualTo(claims.getSubject());
      assertThat(userinfo.getClaims()).doesNotContainKey("given_name_array");

      // Both the JWE and its inner JWS are accepted as logout hints.
      Map<String, String> logout =
          Map.of(
              "id_token_hint", idJwe.getPayload().toString(),
              "state", RawOidcClient.random64(),
              "post_logout_redirect_uri", sim.postLogoutRedirectUris().get(0).toString());
      assertThat(
              sim.logout(URI.create(sim.issuer() + "/session/end?" + RawOidcClient.form(logout))))
          .hasParameter("state", logout.get("state"));
    }
  }

  @Test
  void encryption_toAnEcKey_usesEcdhEs() throws Exception {
    ECKey clientKey =
        new ECKeyGenerator(Curve.P_256).keyID("ec-enc").keyUse(KeyUse.ENCRYPTION).generate();
    try (FranceConnectSimulator sim =
        FranceConnectSimulator.builder()
            .flavour(Flavour.FC_PLUS)
            .clientJwks(new JWKSet(clientKey.toPublicJWK()).toString())
            .build()
            .start()) {
      RawOidcClient client = new RawOidcClient(sim);
      JWEObject jwe =
          JWEObject.parse(
              (String) client.fullLogin(client.validParameters(), "test").get("id_token"));
      assertThat(jwe.getHeader().getAlgorithm().getName()).isEqualTo("ECDH-ES");
      jwe.decrypt(new ECDHDecrypter(clientKey));
      assertThat(client.verify(jwe.getPayload().toString()).getIssuer()).isEqualTo(sim.issuer());
    }
  }

  @Test
  void acrValues_lowestWins_defaultEidas3_eidas1Refused() throws Exception {
    RSAKey clientKey = new RSAKeyGenerator(2048).keyUse(KeyUse.ENCRYPTION).generate();
    try (FranceConnectSimulator sim =
        FranceConnectSimulator.builder()
            .flavour(Flavour.FC_PLUS)
            .clientJwks(new JWKSet(clientKey.toPublicJWK()).toString())
            .build()
            .start()) {
      RawOidcClient client = new RawOidcClient(sim);
      assertThat(acr(client, clientKey, "eidas3 eidas2")).isEqualTo("eidas2");
      assertThat(acr(client, clientKey, null)).isEqualTo("eidas3");
      sim.authenticationLevel("eidas3");
      assertThat(acr(client, clientKey, "eidas2")).isEqualTo("eidas3");
      sim.reset();
      assertThat(acr(client, clientKey, "eidas2")).isEqualTo("eidas2");
      Map<String, String> params = client.validParameters();
      params.put("acr_values", "eidas1");
      assertThat(
              RawOidcClient.query(RawOidcClient.location(client.get(client.authorizeUri(params)))))
          .containsEntry("error", "invalid_request");
    }
  }

  @Test
  void build_withoutClientKeysOrWithRs256_fails() {
    assertThatThrownBy(() -> FranceConnectSimulator.builder().flavour(Flavour.FC_PLUS).build())
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () ->
                FranceConnectSimulator.builder()
                    .flavour(Flavour.FC_PLUS)
                    .clientJwks("{\"keys\":[]}")
                    .build())
        .isInstanceOf(InvalidInputException.class);
  }

  private static String acr(RawOidcClient client, RSAKey key, String acrValues) throws Exception {
    Map<String, String> params = client.validParameters();
    if (acrValues == null) {
      params.remove("acr_values");
    } else {
      params.put("acr_values", acrValues);
    }
    JWEObject jwe = JWEObject.parse((String) client.fullLogin(params, "test").get("id_token"));
    jwe.decrypt(new RSADecrypter(key));
    return client.verify(jwe.getPayload().toString()).getStringClaim("acr");
  }
}
