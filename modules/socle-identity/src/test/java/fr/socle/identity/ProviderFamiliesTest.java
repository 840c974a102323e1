package fr.socle.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import fr.socle.core.InvalidInputException;
import fr.socle.core.Secret;
import fr.socle.identity.testing.ScriptedLogin;
import fr.socle.identity.testing.ScriptedProvider;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rules that differ between FranceConnect+, ProConnect and generic providers. */
class ProviderFamiliesTest {

  private static Map<String, String> form(LoggedRequest request) {
    Map<String, String> out = new java.util.HashMap<>();
    for (String pair : request.getBodyAsString().split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return out;
  }

  @Nested
  class FranceConnectPlus {
    @Test
    @DisplayName(
        "FranceConnect+: ID token and userinfo are JWS nested in JWE, decrypted with the app key")
    void complete_whenTokensEncrypted_returnsIdentity() {
      try (ScriptedProvider p = ScriptedProvider.start(ProviderFamily.FRANCECONNECT_PLUS);
          IdentityClient client = p.clientBuilder().build()) {
        LoginStart start = client.begin();
        assertThat(ScriptedProvider.query(start.authorizationUri()))
            .containsEntry("acr_values", "eidas2")
            .doesNotContainKey("code_challenge");
        ScriptedLogin login = p.login(start.authorizationUri());
        login.idToken.claim("acr", "eidas2");
        login.stub();
        Identity id = client.complete(login.callback(), start.sealedTransaction());
        assertThat(id.eidasLevel()).contains(EidasLevel.EIDAS2);
        assertThat(id.familyName()).contains("DUBOIS");
        // the hint for logout is the inner signed token
        assertThat(id.idToken().split("\\.")).hasSize(3);
      }
    }

    @Test
    @DisplayName("eidas3 satisfies a request for eidas2")
    void complete_whenHigherLevelThanRequested_accepts() {
      try (ScriptedProvider p = ScriptedProvider.start(ProviderFamily.FRANCECONNECT_PLUS);
          IdentityClient client = p.clientBuilder().eidasLevel(EidasLevel.EIDAS2).build()) {
        LoginStart start = client.begin();
        ScriptedLogin login = p.login(start.authorizationUri());
        login.idToken.claim("acr", "eidas3");
        login.stub();
        assertThat(client.complete(login.callback(), start.sealedTransaction()).eidasLevel())
            .contains(EidasLevel.EIDAS3);
      }
    }

    @Test
    @DisplayName("acr below the requested level throws EidasLevelTooLowException")
    void complete_whenLevelTooLow_throwsEidasLevelTooLow() {
      try (ScriptedProvider p = ScriptedProvider.start(ProviderFamily.FRANCECONNECT_PLUS);
          IdentityClient client = p.clientBuilder().eidasLevel(EidasLevel.EIDAS3).build()) {
        LoginStart start = client.begin();
        ScriptedLogin login = p.login(start.authorizationUri());
        login.idToken.claim("acr", "eidas2");
        login.stub();
        assertThatThrownBy(() -> client.complete(login.callback(), start.sealedTransaction()))
            .isInstanceOfSatisfying(
                EidasLevelTooLowException.class,
                e -> {
                  assertThat(e.requested()).isEqualTo(EidasLevel.EIDAS3);
                  assertThat(e.actualLevel()).contains(EidasLevel.EIDAS2);
                });
      }
    }

    @Test
    void complete_whenAcrMissing_throwsEidasLevelTooLow() {
      try (ScriptedProvider p = ScriptedProvider.start(ProviderFamily.FRANCECONNECT_PLUS);
          IdentityClient client = p.clientBuilder().build()) {
        LoginStart start = client.begin();
        ScriptedLogin login = p.login(start.authorizationUri());
        login.idToken.claim("acr", null);
        login.stub();
        assertThatThrownBy(() -> client.complete(login.callback(), start.sealedTransaction()))
            .isInstanceOf(EidasLevelTooLowException.class);
      }
    }

    @Test
    @DisplayName("a FranceConnect+ token that is only signed, not encrypted, is refused")
    void complete_whenNotEncrypted_throwsAlgorithm() {
      try (ScriptedProvider p = ScriptedProvider.start(ProviderFamily.FRANCECONNECT_PLUS);
          IdentityClient client = p.clientBuilder().build()) {
        LoginStart start = client.begin();
        ScriptedLogin login = p.login(start.authorizationUri());
        login.idToken.claim("acr", "eidas2");
        login.encrypt = false;
        login.stub();
        Throwable t =
            catchThrowable(() -> client.complete(login.callback(), start.sealedTransaction()));
        assertThat(t).isInstanceOf(InvalidTokenException.class);
        assertThat(((InvalidTokenException) t).reason())
            .isEqualTo(InvalidTokenException.Reason.ALGORITHM);
      }
    }

    @Test
    void complete_whenEncryptedToAnotherKey_throwsDecryption() throws Exception {
      try (ScriptedProvider p = ScriptedProvider.start(ProviderFamily.FRANCECONNECT_PLUS);
          IdentityClient client =
              p.clientBuilder()
                  .decryptionKeys(
                      Secret.of(
                          new JWKSet(new RSAKeyGenerator(2048).keyID("app-enc-1").generate())
                              .toString(false)))
                  .build()) {
        // the builder adds the fixture key first; build a client with only the foreign key
        IdentityClient foreign =
            IdentityClient.builder()
                .provider(p.provider())
                .clientId(ScriptedProvider.CLIENT_ID)
                .clientSecret(Secret.of(ScriptedProvider.CLIENT_SECRET))
                .redirectUri(java.net.URI.create("http://localhost:8080/auth/callback"))
                .transactionKey(Secret.of(ScriptedProvider.TRANSACTION_KEY))
                .decryptionKey("other", new RSAKeyGenerator(2048).generate().toKeyPair())
                .build();
        LoginStart start = foreign.begin();
        ScriptedLogin login = p.login(start.authorizationUri());
        login.idToken.claim("acr", "eidas2");
        login.stub();
        Throwable t =
            catchThrowable(() -> foreign.complete(login.callback(), start.sealedTransaction()));
        assertThat(((InvalidTokenException) t).reason())
            .isEqualTo(InvalidTokenException.Reason.DECRYPTION);
        foreign.close();
        // with both keys configured, the right one is found
        LoginStart ok = client.begin();
        ScriptedLogin good = p.login(ok.authorizationUri());
        good.idToken.claim("acr", "eidas2");
        good.stub();
        assertThat(client.complete(good.callback(), ok.sealedTransaction()).subject())
            .isEqualTo(ScriptedProvider.SUB);
      }
    }

    @Test
    void publicJwks_publishesOnlyPublicEncryptionKeys() {
      try (ScriptedProvider p = ScriptedProvider.start(ProviderFamily.FRANCECONNECT_PLUS);
          IdentityClient client = p.clientBuilder().build()) {
        String jwks = client.publicJwks();
        assertThat(jwks).contains("\"use\":\"enc\"", "\"kid\":\"app-enc-1\"", "\"n\"");
        assertThat(jwks).doesNotContain("\"d\"", "\"p\"", "\"q\"");
      }
    }

    @Test
    void builder_refusesEidas1OrMissingKeys() {
      try (ScriptedProvider p = ScriptedProvider.start(ProviderFamily.FRANCECONNECT_PLUS)) {
        assertThatThrownBy(() -> p.clientBuilder().eidasLevel(EidasLevel.EIDAS1).build())
            .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(
                () ->
                    IdentityClient.builder()
                        .provider(p.provider())
                        .clientId("x")
                        .clientSecret(Secret.of(ScriptedProvider.CLIENT_SECRET))
                        .redirectUri(java.net.URI.create("http://localhost/cb"))
                        .transactionKey(Secret.of(ScriptedProvider.TRANSACTION_KEY))
                        .build())
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("decryptionKey");
      }
    }
  }

  @Nested
  class ProConnect {
    @Test
    @DisplayName("ProConnect: PKCE S256, usual_name/uid/siret/idp_id, eidas1-mfa understood")
    void complete_withPkce_returnsAgentIdentity() throws Exception {
      try (ScriptedProvider p = ScriptedProvider.start(ProviderFamily.PROCONNECT);
          IdentityClient client =
              p.clientBuilder()
                  .scopes(Scope.GIVEN_NAME, Scope.USUAL_NAME, Scope.EMAIL, Scope.UID, Scope.SIRET)
                  .eidasLevel(EidasLevel.EIDAS1)
                  .build()) {
        LoginStart start = client.begin();
        Map<String, String> q = ScriptedProvider.query(start.authorizationUri());
        assertThat(q).containsEntry("code_challenge_method", "S256").containsKey("code_challenge");
        ScriptedLogin login = p.login(start.authorizationUri());
        login.idToken.claim("acr", "eidas1-mfa").claim("idp_id", "fia1v2");
        login
            .userinfo
            .claim("given_name", "Jean")
            .claim("usual_name", "Martin")
            .claim("uid", "agent-42")
            .claim("siret", "21750001600019")
            .claim("organizational_unit", "DINUM")
            .claim("belonging_population", "agent")
            .claim("family_name", null)
            .claim("given_name_array", null);
        login.stub();
        Identity id = client.complete(login.callback(), start.sealedTransaction());
        assertThat(id.usualName()).contains("Martin");
        assertThat(id.uid()).contains("agent-42");
        assertThat(id.siret()).contains("21750001600019");
        assertThat(id.organizationalUnit()).contains("DINUM");
        assertThat(id.belongingPopulation()).contains("agent");
        assertThat(id.idpId()).contains("fia1v2");
        assertThat(id.acr()).contains("eidas1-mfa");
        assertThat(id.eidasLevel()).contains(EidasLevel.EIDAS1);
        assertThat(id.givenNames()).containsExactly("Jean");

        Map<String, String> token =
            form(p.server().findAll(postRequestedFor(urlPathEqualTo("/api/v2/token"))).get(0));
        String verifier = token.get("code_verifier");
        assertThat(verifier).matches("[A-Za-z0-9]{64}");
        String challenge =
            Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    MessageDigest.getInstance("SHA-256")
                        .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        assertThat(q.get("code_challenge")).isEqualTo(challenge);
      }
    }

    @Test
    @DisplayName("ProConnect's eidas0 is understood and fails a request for eidas1")
    void complete_whenEidas0AndEidas1Requested_throwsTooLow() {
      try (ScriptedProvider p = ScriptedProvider.start(ProviderFamily.PROCONNECT);
          IdentityClient client = p.clientBuilder().eidasLevel(EidasLevel.EIDAS1).build()) {
        LoginStart start = client.begin();
        ScriptedLogin login = p.login(start.authorizationUri());
        login.idToken.claim("acr", "eidas0");
        login.stub();
        assertThatThrownBy(() -> client.complete(login.callback(), start.sealedTransaction()))
            .isInstanceOfSatisfying(
                EidasLevelTooLowException.class,
                e -> assertThat(e.actualLevel()).contains(EidasLevel.EIDAS0));
      }
    }

    @Test
    @DisplayName("without a requested level, ProConnect's eidas0 is accepted")
    void complete_whenNoLevelRequested_acceptsEidas0() {
      try (ScriptedProvider p = ScriptedProvider.start(ProviderFamily.PROCONNECT);
          IdentityClient client = p.clientBuilder().build()) {
        LoginStart start = client.begin();
        assertThat(ScriptedProvider.query(start.authorizationUri()))
            .doesNotContainKey("acr_values");
        ScriptedLogin login = p.login(start.authorizationUri());
        login.idToken.claim("acr", "eidas0");
        login.stub();
        assertThat(client.complete(login.callback(), start.sealedTransaction()).eidasLevel())
            .contains(EidasLevel.EIDAS0);
      }
    }

    @Test
    @DisplayName("ProConnect may sign with HS256 keyed with the client secret")
    void complete_whenHs256_accepts() {
      try (ScriptedProvider p = ScriptedProvider.start(ProviderFamily.PROCONNECT);
          IdentityClient client = p.clientBuilder().build()) {
        LoginStart start = client.begin();
        ScriptedLogin login = p.login(start.authorizationUri());
        login.hmacIdToken = true;
        login.stub();
        assertThat(client.complete(login.callback(), start.sealedTransaction()).subject())
            .isEqualTo(ScriptedProvider.SUB);
      }
    }

    @Test
    void complete_whenHs256WithAnotherSecret_throwsSignature() {
      try (ScriptedProvider p = ScriptedProvider.start(ProviderFamily.PROCONNECT);
          IdentityClient client =
              p.clientBuilder().clientSecret(Secret.of("x".repeat(32) + "another")).build()) {
        LoginStart start = client.begin();
        ScriptedLogin login = p.login(start.authorizationUri());
        login.hmacIdToken = true;
        login.stub();
        Throwable t =
            catchThrowable(() -> client.complete(login.callback(), start.sealedTransaction()));
        assertThat(((InvalidTokenException) t).reason())
            .isEqualTo(InvalidTokenException.Reason.SIGNATURE);
      }
    }
  }

  @Nested
  class Generic {
    @Test
    @DisplayName("generic provider: JSON userinfo accepted, with sub checked")
    void complete_whenUserinfoJson_returnsIdentity() {
      try (ScriptedProvider p = ScriptedProvider.start(ProviderFamily.GENERIC);
          IdentityClient client = p.clientBuilder().scopes(Scope.EMAIL).build()) {
        LoginStart start = client.begin();
        assertThat(ScriptedProvider.query(start.authorizationUri()))
            .containsKey("code_challenge")
            .doesNotContainKey("acr_values");
        ScriptedLogin login = p.login(start.authorizationUri());
        login.stub();
        p.userinfoAnswers(
            200,
            "application/json",
            "{\"sub\":\""
                + ScriptedProvider.SUB
                + "\",\"email\":\"a@example.org\",\"preferred_username\":null}");
        Identity id = client.complete(login.callback(), start.sealedTransaction());
        assertThat(id.email()).contains("a@example.org");
        assertThat(id.preferredUsername()).isEmpty();
        assertThat(id.claims()).doesNotContainKey("preferred_username");
      }
    }

    @Test
    void complete_whenJsonUserinfoSubDiffers_throwsSubjectMismatch() {
      try (ScriptedProvider p = ScriptedProvider.start(ProviderFamily.GENERIC);
          IdentityClient client = p.clientBuilder().build()) {
        LoginStart start = client.begin();
        ScriptedLogin login = p.login(start.authorizationUri()).stub();
        p.userinfoAnswers(200, "application/json", "{\"sub\":\"someone-else\"}");
        Throwable t =
            catchThrowable(() -> client.complete(login.callback(), start.sealedTransaction()));
        assertThat(((InvalidTokenException) t).reason())
            .isEqualTo(InvalidTokenException.Reason.SUBJECT_MISMATCH);
      }
    }

    @Test
    void complete_withClientSecretBasic_sendsBasicHeader() {
      try (ScriptedProvider p = ScriptedProvider.start(ProviderFamily.GENERIC);
          IdentityClient client =
              p.clientBuilder().tokenEndpointAuth(TokenEndpointAuth.CLIENT_SECRET_BASIC).build()) {
        LoginStart start = client.begin();
        ScriptedLogin login = p.login(start.authorizationUri()).stub();
        client.complete(login.callback(), start.sealedTransaction());
        LoggedRequest token =
            p.server().findAll(postRequestedFor(urlPathEqualTo("/api/v2/token"))).get(0);
        String expected =
            Base64.getEncoder()
                .encodeToString(
                    (ScriptedProvider.CLIENT_ID + ":" + ScriptedProvider.CLIENT_SECRET)
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(token.getHeader("Authorization")).isEqualTo("Basic " + expected);
        assertThat(form(token)).doesNotContainKey("client_secret");
      }
    }

    @Test
    void complete_withPrivateKeyJwt_sendsSignedAssertion() throws Exception {
      ECKey clientKey = new ECKeyGenerator(Curve.P_256).keyID("client-1").generate();
      try (ScriptedProvider p = ScriptedProvider.start(ProviderFamily.GENERIC);
          IdentityClient client =
              p.clientBuilder()
                  .tokenEndpointAuth(TokenEndpointAuth.PRIVATE_KEY_JWT)
                  .clientSigningKey("client-1", clientKey.toKeyPair())
                  .build()) {
        LoginStart start = client.begin();
        ScriptedLogin login = p.login(start.authorizationUri()).stub();
        client.complete(login.callback(), start.sealedTransaction());
        Map<String, String> token =
            form(p.server().findAll(postRequestedFor(urlPathEqualTo("/api/v2/token"))).get(0));
        assertThat(token)
            .containsEntry(
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
            .doesNotContainKey("client_secret");
        SignedJWT assertion = SignedJWT.parse(token.get("client_assertion"));
        assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(assertion.verify(new ECDSAVerifier(clientKey.toPublicJWK()))).isTrue();
        assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo(ScriptedProvider.CLIENT_ID);
        assertThat(assertion.getJWTClaimsSet().getAudience())
            .containsExactly(p.issuer() + "/token");
      }
    }

    @Test
    @DisplayName("without a userinfo endpoint the ID token claims make the identity")
    void complete_whenNoUserinfoEndpoint_usesIdTokenClaims() {
      try (ScriptedProvider p = ScriptedProvider.start(ProviderFamily.GENERIC)) {
        p.discovery().remove("userinfo_endpoint");
        p.publishDiscovery();
        try (IdentityClient client = p.clientBuilder().build()) {
          LoginStart start = client.begin();
          ScriptedLogin login = p.login(start.authorizationUri());
          login.idToken.claim("email", "x@example.org").claim("amr", List.of("pwd"));
          login.stub();
          Identity id = client.complete(login.callback(), start.sealedTransaction());
          assertThat(id.email()).contains("x@example.org");
          assertThat(id.amr()).containsExactly("pwd");
        }
      }
    }
  }
}
