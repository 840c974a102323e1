package fr.socle.identity.conformance;

import static fr.socle.identity.conformance.Conformance.clientFor;
import static fr.socle.identity.conformance.Conformance.failure;
import static fr.socle.identity.conformance.Conformance.login;
import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.identity.EidasLevel;
import fr.socle.identity.EidasLevelTooLowException;
import fr.socle.identity.Identity;
import fr.socle.identity.IdentityClient;
import fr.socle.identity.IdentityProvider;
import fr.socle.identity.InvalidTokenException;
import fr.socle.identity.LogoutStart;
import fr.socle.identity.Scope;
import fr.socle.testkit.franceconnect.Flavour;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import fr.socle.testkit.franceconnect.Misbehaviour;
import fr.socle.testkit.franceconnect.SigningAlgorithm;
import fr.socle.testkit.franceconnect.TestAgent;
import java.net.URI;
import java.security.KeyPair;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("FranceConnect+ and ProConnect rules against the simulator")
class FranceConnectPlusAndProConnectConformanceTest {

  @Nested
  @DisplayName("FranceConnect+")
  class FcPlus {
    private final KeyPair encryption = Conformance.rsaKeyPair();

    /** The application publishes IdentityClient.publicJwks(); the platform encrypts to it. */
    private FranceConnectSimulator simulator() {
      String published;
      try (IdentityClient offline =
          IdentityClient.builder()
              .provider(IdentityProvider.franceConnectPlusIntegration())
              .clientId("any")
              .clientSecret(fr.socle.core.Secret.of(FranceConnectSimulator.DEFAULT_CLIENT_SECRET))
              .redirectUri(FranceConnectSimulator.DEFAULT_REDIRECT_URI)
              .transactionKey(Conformance.TRANSACTION_KEY)
              .decryptionKey("enc-2026", encryption)
              .build()) {
        published = offline.publicJwks();
      }
      return FranceConnectSimulator.builder()
          .flavour(Flavour.FC_PLUS)
          .clientJwks(published)
          .build()
          .start();
    }

    private IdentityClient client(FranceConnectSimulator sim, EidasLevel level) {
      return clientFor(sim)
          .scopes(Scope.IDENTITE_PIVOT)
          .eidasLevel(level)
          .decryptionKey("enc-2026", encryption)
          .build();
    }

    @Test
    @DisplayName("nested JWE ID token and userinfo are decrypted and verified; eidas2 granted")
    void login_decryptsAndVerifies() {
      try (FranceConnectSimulator sim = simulator();
          IdentityClient c = client(sim, EidasLevel.EIDAS2)) {
        Identity identity = login(c, sim);
        assertThat(sim.lastAuthorizeParameters()).containsEntry("acr_values", "eidas2");
        assertThat(identity.eidasLevel()).contains(EidasLevel.EIDAS2);
        assertThat(identity.familyName()).contains("DUBOIS");
        assertThat(identity.subject()).matches("[0-9a-f]{64}v1");

        LogoutStart logout = c.logoutUri(identity);
        assertThat(sim.logout(logout.logoutUri()).toString())
            .startsWith(sim.postLogoutRedirectUris().get(0).toString());
      }
    }

    @Test
    @DisplayName("eidas2 requested, eidas3 returned by the identity provider: accepted")
    void higherLevelSatisfiesLowerRequest() {
      try (FranceConnectSimulator sim = simulator();
          IdentityClient c = client(sim, EidasLevel.EIDAS2)) {
        sim.authenticationLevel("eidas3");
        assertThat(login(c, sim).eidasLevel()).contains(EidasLevel.EIDAS3);
      }
    }

    @Test
    @DisplayName("eidas3 requested, eidas2 returned by the identity provider: refused")
    void lowerLevelFromIdentityProvider() {
      try (FranceConnectSimulator sim = simulator();
          IdentityClient c = client(sim, EidasLevel.EIDAS3)) {
        sim.authenticationLevel("eidas2");
        assertThat(failure(c, sim)).isInstanceOf(EidasLevelTooLowException.class);
      }
    }

    @Test
    @DisplayName("eidas3 requested, eidas2 returned: EidasLevelTooLowException")
    void acrTooLow() {
      try (FranceConnectSimulator sim = simulator();
          IdentityClient c = client(sim, EidasLevel.EIDAS3)) {
        sim.misbehave(Misbehaviour.ACR_TOO_LOW);
        assertThat(failure(c, sim))
            .isInstanceOfSatisfying(
                EidasLevelTooLowException.class,
                e -> assertThat(e.actualLevel()).contains(EidasLevel.EIDAS2));
      }
    }

    @Test
    @DisplayName("a signed but unencrypted token on FranceConnect+ is refused")
    void notEncrypted() {
      try (FranceConnectSimulator sim = simulator();
          IdentityClient c = client(sim, EidasLevel.EIDAS2)) {
        sim.misbehave(Misbehaviour.NOT_ENCRYPTED);
        assertThat(failure(c, sim)).isInstanceOf(InvalidTokenException.class);
      }
    }

    @Test
    @DisplayName("a bad inner signature is refused after decryption")
    void badInnerSignature() {
      try (FranceConnectSimulator sim = simulator();
          IdentityClient c = client(sim, EidasLevel.EIDAS2)) {
        sim.misbehave(Misbehaviour.BAD_ID_TOKEN_SIGNATURE);
        assertThat(((InvalidTokenException) failure(c, sim)).reason())
            .isEqualTo(InvalidTokenException.Reason.SIGNATURE);
      }
    }
  }

  @Nested
  @DisplayName("ProConnect")
  class Pc {
    private FranceConnectSimulator simulator(SigningAlgorithm alg) {
      return FranceConnectSimulator.builder()
          .flavour(Flavour.PROCONNECT)
          .signingAlgorithm(alg)
          .build()
          .start();
    }

    private IdentityClient client(FranceConnectSimulator sim) {
      return clientFor(sim)
          .scopes(
              Scope.GIVEN_NAME,
              Scope.USUAL_NAME,
              Scope.EMAIL,
              Scope.UID,
              Scope.SIRET,
              Scope.ORGANIZATIONAL_UNIT,
              Scope.BELONGING_POPULATION)
          .build();
    }

    @Test
    @DisplayName("PKCE S256 is used and the agent's claims are typed")
    void login_withPkce() {
      try (FranceConnectSimulator sim = simulator(SigningAlgorithm.ES256);
          IdentityClient c = client(sim)) {
        Identity agent = login(c, sim, TestAgent.DEMO_AGENT);
        assertThat(sim.lastAuthorizeParameters()).containsEntry("code_challenge_method", "S256");
        assertThat(sim.lastTokenParameters()).containsKey("code_verifier");
        assertThat(agent.usualName()).contains("DUBOIS");
        assertThat(agent.siret()).contains("13002526500013");
        assertThat(agent.uid()).contains("1");
        assertThat(agent.idpId()).contains("fia1v2");
        assertThat(agent.organizationalUnit()).contains("Comptabilité");
        assertThat(agent.belongingPopulation()).contains("agent");
        assertThat(agent.email()).contains("test@fia1.fr");
      }
    }

    @Test
    @DisplayName("RS256 registration works and the public sub is the same for another login")
    void login_rs256() {
      try (FranceConnectSimulator sim = simulator(SigningAlgorithm.RS256);
          IdentityClient c = client(sim)) {
        assertThat(login(c, sim).subject()).isEqualTo(login(c, sim).subject());
      }
    }

    @Test
    @DisplayName("a ProConnect-only identity (no birth data) maps without family name")
    void login_identiteUser() {
      try (FranceConnectSimulator sim = simulator(SigningAlgorithm.ES256);
          IdentityClient c = client(sim)) {
        Identity agent = login(c, sim, TestAgent.PROCONNECT_IDENTITE_USER);
        assertThat(agent.birthdate()).isEmpty();
        assertThat(agent.organizationalUnit()).isEmpty();
        assertThat(agent.idpId()).contains("proconnect-identite");
      }
    }

    @Test
    @DisplayName("HS256 registration: tokens MACed with the client secret are accepted")
    void hs256_accepted() {
      try (FranceConnectSimulator sim = simulator(SigningAlgorithm.HS256);
          IdentityClient c = client(sim)) {
        assertThat(login(c, sim, TestAgent.DEMO_AGENT).usualName()).contains("DUBOIS");
      }
    }

    @Test
    @DisplayName("rp-id_token-bad-sig-hs256: an HS256 token MACed with another secret is refused")
    void hs256_badSignature() {
      try (FranceConnectSimulator sim = simulator(SigningAlgorithm.HS256);
          IdentityClient c = client(sim)) {
        sim.misbehave(Misbehaviour.BAD_ID_TOKEN_SIGNATURE);
        assertThat(((InvalidTokenException) failure(c, sim)).reason())
            .isEqualTo(InvalidTokenException.Reason.SIGNATURE);
      }
    }

    @Test
    @DisplayName("ProConnect's eidas0 (non-eIDAS identity providers) is understood, not a crash")
    void eidas0_understood() {
      try (FranceConnectSimulator sim = simulator(SigningAlgorithm.ES256);
          IdentityClient c = client(sim)) {
        sim.authenticationLevel("eidas0");
        Identity agent = login(c, sim);
        assertThat(agent.acr()).contains("eidas0");
        assertThat(agent.eidasLevel()).contains(EidasLevel.EIDAS0);
      }
    }

    @Test
    @DisplayName("eidas1 requested on ProConnect, eidas0 returned: EidasLevelTooLowException")
    void eidas0_belowRequestedEidas1() {
      try (FranceConnectSimulator sim = simulator(SigningAlgorithm.ES256);
          IdentityClient c =
              clientFor(sim).scopes(Scope.USUAL_NAME).eidasLevel(EidasLevel.EIDAS1).build()) {
        sim.authenticationLevel("eidas0");
        assertThat(failure(c, sim)).isInstanceOf(EidasLevelTooLowException.class);
        // 2026: ProConnect takes the level as the essential acr claim, not acr_values
        assertThat(sim.lastAuthorizeParameters())
            .doesNotContainKey("acr_values")
            .containsEntry(
                "claims",
                "{\"id_token\":{\"acr\":{\"essential\":true,"
                    + "\"values\":[\"eidas1\",\"eidas1-mfa\",\"eidas2\",\"eidas3\"]}}}");
      }
    }

    @Test
    @DisplayName("nonce mismatch is refused on ProConnect too")
    void nonceMismatch() {
      try (FranceConnectSimulator sim = simulator(SigningAlgorithm.ES256);
          IdentityClient c = client(sim)) {
        sim.misbehave(Misbehaviour.NONCE_MISMATCH);
        assertThat(((InvalidTokenException) failure(c, sim)).reason())
            .isEqualTo(InvalidTokenException.Reason.NONCE);
      }
    }

    @Test
    @DisplayName("the logout sends the hint ProConnect issued and comes back with the state")
    void logout() {
      try (FranceConnectSimulator sim = simulator(SigningAlgorithm.ES256);
          IdentityClient c = client(sim)) {
        LogoutStart logout = c.logoutUri(login(c, sim));
        URI back = sim.logout(logout.logoutUri());
        assertThat(back.getQuery()).isEqualTo("state=" + logout.state());
      }
    }
  }
}
