package fr.socle.testkit.franceconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import fr.socle.core.InvalidInputException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("FranceConnect simulator: private_key_jwt and sector_identifier_uri registrations")
class ClientRegistrationTest {

  static JWK ecKey() throws Exception {
    return new ECKeyGenerator(Curve.P_256).keyID("sp-ec-1").generate();
  }

  static JWK rsaKey() throws Exception {
    return new RSAKeyGenerator(2048).keyID("sp-rsa-1").generate();
  }

  static String assertion(
      JWK key, FranceConnectSimulator sim, Consumer<JWTClaimsSet.Builder> change) throws Exception {
    Date now = new Date();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(sim.clientId())
            .subject(sim.clientId())
            .audience(sim.issuer() + "/token")
            .jwtID(UUID.randomUUID().toString())
            .issueTime(now)
            .expirationTime(new Date(now.getTime() + 60_000));
    change.accept(claims);
    boolean rsa = key instanceof RSAKey;
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(rsa ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256)
                .keyID(key.getKeyID())
                .build(),
            claims.build());
    jwt.sign(rsa ? new RSASSASigner((RSAKey) key) : new ECDSASigner((ECKey) key));
    return jwt.serialize();
  }

  @Nested
  @DisplayName("private_key_jwt (FC: ES256/RS256, FC+: ES256)")
  class PrivateKeyJwt {
    private HttpResponse<String> redeem(
        FranceConnectSimulator sim, Consumer<Map<String, String>> change) {
      RawOidcClient client = new RawOidcClient(sim);
      Map<String, String> params = client.validParameters();
      String code = RawOidcClient.query(client.loginThroughPage(params, "test")).get("code");
      Map<String, String> form = client.tokenParameters(code, params);
      form.remove("client_secret");
      change.accept(form);
      return client.postForm(URI.create(sim.issuer() + "/token"), form);
    }

    private FranceConnectSimulator fc(JWK key) {
      return FranceConnectSimulator.builder()
          .clientSigningJwks(new JWKSet(key.toPublicJWK()).toString())
          .build()
          .start();
    }

    private static Consumer<Map<String, String>> withAssertion(String assertion) {
      return form -> {
        form.put("client_assertion_type", ClientAssertions.TYPE);
        form.put("client_assertion", assertion);
      };
    }

    @Test
    void token_whenValidEs256Assertion_issuesTokens() throws Exception {
      JWK key = ecKey();
      try (FranceConnectSimulator sim = fc(key)) {
        assertThat(redeem(sim, withAssertion(assertion(key, sim, c -> {}))).statusCode())
            .isEqualTo(200);
      }
    }

    @Test
    void token_whenValidRs256Assertion_issuesTokensOnFc() throws Exception {
      JWK key = rsaKey();
      try (FranceConnectSimulator sim = fc(key)) {
        assertThat(redeem(sim, withAssertion(assertion(key, sim, c -> {}))).statusCode())
            .isEqualTo(200);
      }
    }

    @Test
    void token_whenSecretInsteadOfAssertion_isMethodMismatch() throws Exception {
      try (FranceConnectSimulator sim = fc(ecKey())) {
        HttpResponse<String> r =
            redeem(sim, f -> f.put("client_secret", sim.clientSecret().reveal()));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("does not match the registered client authentication");
      }
    }

    @Test
    void token_whenAssertionButSecretRegistered_isMethodMismatch() throws Exception {
      JWK key = ecKey();
      try (FranceConnectSimulator sim = FranceConnectSimulator.builder().build().start()) {
        HttpResponse<String> r = redeem(sim, withAssertion(assertion(key, sim, c -> {})));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("does not match the registered client authentication");
      }
    }

    @Test
    void token_whenSignedByAnotherKey_isRefused() throws Exception {
      JWK other = new ECKeyGenerator(Curve.P_256).keyID("sp-ec-1").generate();
      try (FranceConnectSimulator sim = fc(ecKey())) {
        assertThat(redeem(sim, withAssertion(assertion(other, sim, c -> {}))).statusCode())
            .isEqualTo(401);
      }
    }

    @Test
    void token_whenAssertionReplayed_isRefused() throws Exception {
      JWK key = ecKey();
      try (FranceConnectSimulator sim = fc(key)) {
        String once = assertion(key, sim, c -> {});
        assertThat(redeem(sim, withAssertion(once)).statusCode()).isEqualTo(200);
        assertThat(redeem(sim, withAssertion(once)).body()).contains("jti was already used");
      }
    }

    @Test
    void token_whenWrongAudienceOrExpiredOrOtherIssuer_isRefused() throws Exception {
      JWK key = ecKey();
      try (FranceConnectSimulator sim = fc(key)) {
        assertThat(
                redeem(
                        sim,
                        withAssertion(
                            assertion(key, sim, c -> c.audience("https://elsewhere.example"))))
                    .body())
            .contains("aud");
        assertThat(
                redeem(
                        sim,
                        withAssertion(
                            assertion(
                                key,
                                sim,
                                c ->
                                    c.expirationTime(
                                        new Date(System.currentTimeMillis() - 120_000)))))
                    .body())
            .contains("expired");
        assertThat(
                redeem(sim, withAssertion(assertion(key, sim, c -> c.issuer("someone-else"))))
                    .body())
            .contains("iss and sub");
        assertThat(redeem(sim, withAssertion("not.a.jwt")).statusCode()).isEqualTo(401);
      }
    }

    @Test
    void token_whenRs256OnFranceConnectPlus_isRefused() throws Exception {
      JWK key = rsaKey();
      RSAKey enc = new RSAKeyGenerator(2048).keyID("enc").generate();
      try (FranceConnectSimulator sim =
          FranceConnectSimulator.builder()
              .flavour(Flavour.FC_PLUS)
              .clientJwks(new JWKSet(enc.toPublicJWK()).toString())
              .clientSigningJwks(new JWKSet(key.toPublicJWK()).toString())
              .build()
              .start()) {
        RawOidcClient client = new RawOidcClient(sim);
        Map<String, String> params = client.validParameters();
        String code = RawOidcClient.query(client.loginThroughPage(params, "test")).get("code");
        Map<String, String> form = client.tokenParameters(code, params);
        form.remove("client_secret");
        withAssertion(assertion(key, sim, c -> {})).accept(form);
        HttpResponse<String> r = client.postForm(URI.create(sim.issuer() + "/token"), form);
        assertThat(r.body()).contains("alg is not allowed");
      }
    }

    @Test
    void build_whenPrivateKeysRegistered_isRefused() throws Exception {
      String privateJwks = new JWKSet(ecKey()).toString(false);
      assertThatThrownBy(() -> FranceConnectSimulator.builder().clientSigningJwks(privateJwks))
          .isInstanceOf(InvalidInputException.class);
    }
  }

  @Nested
  @DisplayName("sector_identifier_uri: pairwise sub per sector")
  class Sector {
    private HttpServer serve(String body) throws Exception {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/sector.json",
          ex -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
          });
      server.start();
      return server;
    }

    private static URI uri(HttpServer server) {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sector.json");
    }

    private static String sub(FranceConnectSimulator sim) throws Exception {
      RawOidcClient client = new RawOidcClient(sim);
      return client
          .verify((String) client.fullLogin(client.validParameters(), "test").get("id_token"))
          .getSubject();
    }

    private static FranceConnectSimulator.Builder collectivite(String clientId, URI redirect) {
      return FranceConnectSimulator.builder().clientId(clientId).redirectUri(redirect);
    }

    @Test
    @DisplayName("two clients without a sector get two subs; with the same sector, one")
    void sub_isPerClientWithoutSectorAndPerSectorWithIt() throws Exception {
      URI mairieA = URI.create("http://localhost:8080/mairie-a/callback");
      URI mairieB = URI.create("http://localhost:8080/mairie-b/callback");
      HttpServer server = serve("[\"" + mairieA + "\",\"" + mairieB + "\"]");
      try (FranceConnectSimulator a = collectivite("a".repeat(64), mairieA).build().start();
          FranceConnectSimulator b = collectivite("b".repeat(64), mairieB).build().start()) {
        assertThat(sub(a)).isNotEqualTo(sub(b));
      }
      try (FranceConnectSimulator a =
              collectivite("a".repeat(64), mairieA)
                  .sectorIdentifierUri(uri(server))
                  .build()
                  .start();
          FranceConnectSimulator b =
              collectivite("b".repeat(64), mairieB)
                  .sectorIdentifierUri(uri(server))
                  .build()
                  .start()) {
        assertThat(sub(a)).isEqualTo(sub(b)).matches("[0-9a-f]{64}v1");
      } finally {
        server.stop(0);
      }
    }

    @Test
    void start_whenSectorDocumentOmitsARedirectUri_isRefused() throws Exception {
      HttpServer server = serve("[\"https://other.example/callback\"]");
      try {
        FranceConnectSimulator sim =
            FranceConnectSimulator.builder().sectorIdentifierUri(uri(server)).build();
        assertThatThrownBy(sim::start).isInstanceOf(InvalidInputException.class);
        sim.close();
      } finally {
        server.stop(0);
      }
    }

    @Test
    void start_whenSectorDocumentIsNotAnArray_isRefused() throws Exception {
      HttpServer server = serve("{\"redirect_uris\":[]}");
      try {
        FranceConnectSimulator sim =
            FranceConnectSimulator.builder().sectorIdentifierUri(uri(server)).build();
        assertThatThrownBy(sim::start).isInstanceOf(InvalidInputException.class);
        sim.close();
      } finally {
        server.stop(0);
      }
    }
  }
}
