package fr.socle.identity.conformance;

import static fr.socle.identity.conformance.Conformance.clientFor;
import static fr.socle.identity.conformance.Conformance.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleClientException;
import fr.socle.identity.IdentityClient;
import fr.socle.identity.IdentityClientBuilder;
import fr.socle.identity.IdentityProviderException;
import fr.socle.identity.LoginOptions;
import fr.socle.identity.LoginStart;
import fr.socle.identity.Scope;
import fr.socle.identity.TokenEndpointAuth;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("FranceConnect v2 / FC+ as of 2026 (private_key_jwt, sector, ui_locales, scopes)")
class FranceConnect2026ConformanceTest {

  @Test
  @DisplayName("private_key_jwt ES256: the simulator verifies the assertion; no secret is sent")
  void privateKeyJwt_es256() {
    KeyPair key = Conformance.ecKeyPair();
    String jwks = publicJwks("sp-ec", key);
    try (FranceConnectSimulator sim =
            FranceConnectSimulator.builder().clientSigningJwks(jwks).build().start();
        IdentityClient c =
            clientFor(sim)
                .clientSecret(null)
                .tokenEndpointAuth(TokenEndpointAuth.PRIVATE_KEY_JWT)
                .clientSigningKey("sp-ec", key)
                .build()) {
      assertThat(login(c, sim).subject()).matches("[0-9a-f]{64}v1");
      assertThat(sim.lastTokenParameters())
          .containsKey("client_assertion")
          .doesNotContainKey("client_secret");
      assertThat(c.publicSigningJwks()).contains("\"kid\":\"sp-ec\"").doesNotContain("\"d\"");
    }
  }

  @Test
  @DisplayName("private_key_jwt RS256 is accepted on FranceConnect")
  void privateKeyJwt_rs256() {
    KeyPair key = Conformance.rsaKeyPair();
    try (FranceConnectSimulator sim =
            FranceConnectSimulator.builder()
                .clientSigningJwks(publicJwks("sp-rsa", key))
                .build()
                .start();
        IdentityClient c =
            clientFor(sim)
                .tokenEndpointAuth(TokenEndpointAuth.PRIVATE_KEY_JWT)
                .clientSigningKey("sp-rsa", key)
                .build()) {
      assertThat(login(c, sim).subject()).isNotEmpty();
    }
  }

  @Test
  @DisplayName("a client assertion signed by a key FranceConnect does not know fails the login")
  void privateKeyJwt_unknownKey() {
    try (FranceConnectSimulator sim =
            FranceConnectSimulator.builder()
                .clientSigningJwks(publicJwks("sp-ec", Conformance.ecKeyPair()))
                .build()
                .start();
        IdentityClient c =
            clientFor(sim)
                .tokenEndpointAuth(TokenEndpointAuth.PRIVATE_KEY_JWT)
                .clientSigningKey("sp-ec", Conformance.ecKeyPair())
                .build()) {
      assertThat(Conformance.failure(c, sim)).isInstanceOf(IdentityProviderException.class);
    }
  }

  @Test
  @DisplayName("the secret on a private_key_jwt registration is the wrong method (Y044D82C)")
  void privateKeyJwt_secretRefused() {
    try (FranceConnectSimulator sim =
            FranceConnectSimulator.builder()
                .clientSigningJwks(publicJwks("sp-ec", Conformance.ecKeyPair()))
                .build()
                .start();
        IdentityClient c = clientFor(sim).build()) {
      assertThat(Conformance.failure(c, sim)).isInstanceOf(IdentityProviderException.class);
    }
  }

  @Test
  @DisplayName("private_key_jwt ES256 on FranceConnect+, with the tokens encrypted to the app")
  void privateKeyJwt_franceConnectPlus() {
    KeyPair signing = Conformance.ecKeyPair();
    KeyPair encryption = Conformance.rsaKeyPair();
    IdentityClientBuilder builder =
        IdentityClient.builder()
            .provider(fr.socle.identity.IdentityProvider.franceConnectPlusIntegration())
            .clientId(FranceConnectSimulator.DEFAULT_CLIENT_ID)
            .redirectUri(FranceConnectSimulator.DEFAULT_REDIRECT_URI)
            .transactionKey(Conformance.TRANSACTION_KEY)
            .decryptionKey("enc", encryption)
            .tokenEndpointAuth(TokenEndpointAuth.PRIVATE_KEY_JWT)
            .clientSigningKey("sp-ec", signing);
    String encryptionJwks;
    String signingJwks;
    try (IdentityClient offline = builder.build()) {
      encryptionJwks = offline.publicJwks();
      signingJwks = offline.publicSigningJwks();
    }
    try (FranceConnectSimulator sim =
            FranceConnectSimulator.builder()
                .flavour(fr.socle.testkit.franceconnect.Flavour.FC_PLUS)
                .clientJwks(encryptionJwks)
                .clientSigningJwks(signingJwks)
                .build()
                .start();
        IdentityClient c =
            builder
                .provider(
                    fr.socle.identity.IdentityProvider.franceConnectPlus(URI.create(sim.issuer())))
                .postLogoutRedirectUri(sim.postLogoutRedirectUris().get(0))
                .build()) {
      assertThat(login(c, sim).eidasLevel()).isPresent();
      assertThat(sim.lastTokenParameters()).containsKey("client_assertion");
    }
  }

  @Test
  @DisplayName("FranceConnect+ takes ES256 assertions only; client_secret_basic nowhere")
  void privateKeyJwt_rulesPerFamily() {
    try (FranceConnectSimulator sim = FranceConnectSimulator.builder().build().start()) {
      assertThatThrownBy(
              () ->
                  IdentityClient.builder()
                      .provider(
                          fr.socle.identity.IdentityProvider.franceConnectPlus(
                              URI.create(sim.issuer())))
                      .clientId(sim.clientId())
                      .redirectUri(sim.redirectUris().get(0))
                      .transactionKey(Conformance.TRANSACTION_KEY)
                      .decryptionKey("enc", Conformance.rsaKeyPair())
                      .tokenEndpointAuth(TokenEndpointAuth.PRIVATE_KEY_JWT)
                      .clientSigningKey("sp-rsa", Conformance.rsaKeyPair())
                      .build())
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("ES256");
      assertThatThrownBy(
              () -> clientFor(sim).tokenEndpointAuth(TokenEndpointAuth.CLIENT_SECRET_BASIC).build())
          .isInstanceOf(InvalidInputException.class);
    }
  }

  @Test
  @DisplayName("sector_identifier_uri: two clients, one sector, one sub; the document is checked")
  void sectorIdentifier() throws Exception {
    URI a = URI.create("http://localhost:8080/mairie-a/callback");
    URI b = URI.create("http://localhost:8080/mairie-b/callback");
    HttpServer server = serve("[\"" + a + "\",\"" + b + "\"]");
    URI sector = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sector.json");
    try (FranceConnectSimulator simA = collectivite("a", a, sector);
        FranceConnectSimulator simB = collectivite("b", b, sector);
        FranceConnectSimulator alone = collectivite("c", a, null);
        IdentityClient ca = clientFor(simA).sectorIdentifierUri(sector).build();
        IdentityClient cb = clientFor(simB).sectorIdentifierUri(sector).build();
        IdentityClient cc = clientFor(alone).build()) {
      ca.checkProvider();
      cb.verifySectorIdentifier();
      String sub = login(ca, simA).subject();
      assertThat(login(cb, simB).subject()).isEqualTo(sub);
      assertThat(login(cc, alone).subject()).isNotEqualTo(sub);
    } finally {
      server.stop(0);
    }
  }

  @Test
  @DisplayName("a sector document that omits the redirect URI or lists the logout URI is refused")
  void sectorIdentifier_badDocuments() throws Exception {
    try (FranceConnectSimulator sim = FranceConnectSimulator.builder().build().start()) {
      for (String doc :
          new String[] {
            "[\"https://other.example/cb\"]",
            "[\""
                + sim.redirectUris().get(0)
                + "\",\""
                + sim.postLogoutRedirectUris().get(0)
                + "\"]"
          }) {
        HttpServer server = serve(doc);
        URI sector =
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sector.json");
        try (IdentityClient c = clientFor(sim).sectorIdentifierUri(sector).build()) {
          assertThatThrownBy(c::verifySectorIdentifier).isInstanceOf(SocleClientException.class);
        } finally {
          server.stop(0);
        }
      }
      for (String garbage : new String[] {"{\"uris\":[]}", "[1,2]", "<html>"}) {
        HttpServer server = serve(garbage);
        URI sector =
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sector.json");
        try (IdentityClient c = clientFor(sim).sectorIdentifierUri(sector).build()) {
          assertThatThrownBy(c::verifySectorIdentifier)
              .isInstanceOf(IdentityProviderException.class);
        } finally {
          server.stop(0);
        }
      }
    }
  }

  @Test
  @DisplayName("request objects: FranceConnect's /authorize whitelist answers Y030007")
  void requestObject_refusedByFranceConnect() {
    try (FranceConnectSimulator sim = FranceConnectSimulator.builder().build().start()) {
      assertThatThrownBy(
              () ->
                  clientFor(sim)
                      .clientSigningKey("sp-ec", Conformance.ecKeyPair())
                      .requestObjects(true)
                      .build())
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("Y030007");
      try (IdentityClient c = clientFor(sim).build()) {
        LoginStart start = c.begin();
        URI withRequest =
            URI.create(start.authorizationUri() + "&request=eyJhbGciOiJFUzI1NiJ9.e30.sig");
        assertThatThrownBy(() -> sim.login(withRequest))
            .isInstanceOfSatisfying(
                fr.socle.testkit.franceconnect.SimulatorErrorPageException.class,
                e -> assertThat(e.errorCode()).isEqualTo("Y030007"));
      }
    }
  }

  @Test
  @DisplayName("ui_locales reaches FranceConnect, which accepts it since 2025")
  void uiLocales() {
    try (FranceConnectSimulator sim = FranceConnectSimulator.builder().build().start();
        IdentityClient c = clientFor(sim).build()) {
      LoginStart start =
          c.begin(LoginOptions.builder().uiLocales(Locale.FRANCE, Locale.ENGLISH).build());
      assertThat(c.complete(sim.login(start.authorizationUri()), start.sealedTransaction()))
          .isNotNull();
      assertThat(sim.lastAuthorizeParameters()).containsEntry("ui_locales", "fr-FR en");
    }
  }

  @Test
  @DisplayName("address and phone scopes are gone from FC and FC+: refused at build")
  void addressAndPhone_refused() {
    try (FranceConnectSimulator sim = FranceConnectSimulator.builder().build().start()) {
      assertThatThrownBy(() -> clientFor(sim).scopes(Scope.PHONE).build())
          .isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> clientFor(sim).scopes(Scope.of("address")).build())
          .isInstanceOf(InvalidInputException.class);
    }
  }

  @Test
  @DisplayName("userinfo is called with the Bearer header, although FC would take ?access_token")
  void userinfo_bearerHeader() {
    try (FranceConnectSimulator sim = FranceConnectSimulator.builder().build().start();
        IdentityClient c = clientFor(sim).scopes(Scope.EMAIL).build()) {
      login(c, sim);
      assertThat(sim.lastUserinfoTokenInQuery()).isFalse();
    }
  }

  private static FranceConnectSimulator collectivite(String letter, URI redirect, URI sector) {
    FranceConnectSimulator.Builder b =
        FranceConnectSimulator.builder().clientId(letter.repeat(64)).redirectUri(redirect);
    if (sector != null) {
      b.sectorIdentifierUri(sector);
    }
    return b.build().start();
  }

  static String publicJwks(String kid, KeyPair key) {
    com.nimbusds.jose.jwk.JWK jwk =
        key.getPublic() instanceof java.security.interfaces.RSAPublicKey rsa
            ? new com.nimbusds.jose.jwk.RSAKey.Builder(rsa).keyID(kid).build()
            : new com.nimbusds.jose.jwk.ECKey.Builder(
                    com.nimbusds.jose.jwk.Curve.P_256,
                    (java.security.interfaces.ECPublicKey) key.getPublic())
                .keyID(kid)
                .build();
    return new com.nimbusds.jose.jwk.JWKSet(jwk).toString();
  }

  static HttpServer serve(String body) throws Exception {
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
}
