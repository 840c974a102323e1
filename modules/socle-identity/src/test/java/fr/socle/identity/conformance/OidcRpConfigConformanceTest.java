package fr.socle.identity.conformance;

import static fr.socle.identity.conformance.Conformance.clientFor;
import static fr.socle.identity.conformance.Conformance.login;
import static fr.socle.identity.conformance.Conformance.tokenRejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.identity.IdentityClient;
import fr.socle.identity.InvalidTokenException.Reason;
import fr.socle.identity.LoginStart;
import fr.socle.identity.ProviderConfigurationException;
import fr.socle.testkit.franceconnect.Flavour;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import fr.socle.testkit.franceconnect.FranceConnectSimulatorExtension;
import fr.socle.testkit.franceconnect.Misbehaviour;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OpenID Connect RP certification, Config profile: one test per test id of the OpenID Foundation's
 * {@code oidcc-client-config-certification-test-plan}, played by the FranceConnect simulator.
 */
@DisplayName("OpenID RP Config conformance against the FranceConnect simulator")
class OidcRpConfigConformanceTest {
  @RegisterExtension
  final FranceConnectSimulatorExtension fc = FranceConnectSimulatorExtension.of(Flavour.FC);

  private FranceConnectSimulator sim;
  private IdentityClient client;

  @BeforeEach
  void client() {
    sim = fc.simulator();
    client = clientFor(sim).build();
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  @DisplayName("rp-discovery-openid-configuration: endpoints are read from the discovery document")
  void rpDiscoveryOpenidConfiguration() {
    client.checkProvider();
    LoginStart start = client.begin();
    assertThat(start.authorizationUri().toString()).startsWith(sim.issuer() + "/authorize?");
    assertThat(
            client
                .complete(sim.login(start.authorizationUri()), start.sealedTransaction())
                .subject())
        .endsWith("v1");
  }

  @Test
  @DisplayName("rp-discovery-jwks_uri-keys: the ID token is verified with keys from jwks_uri")
  void rpDiscoveryJwksUriKeys() {
    assertThat(login(client, sim).subject()).endsWith("v1");
    // The same login with the jwks_uri unreachable and no keys cached cannot verify anything.
    try (IdentityClient fresh = clientFor(sim).build()) {
      sim.misbehave(Misbehaviour.JWKS_DOWN);
      assertThat(Conformance.failure(fresh, sim)).isNotNull();
    }
  }

  @Test
  @DisplayName(
      "rp-discovery-issuer-not-matching-config: a discovery issuer other than the configured one"
          + " stops the login before /authorize")
  void rpDiscoveryIssuerNotMatchingConfig() {
    sim.misbehave(Misbehaviour.DISCOVERY_ISSUER_MISMATCH);
    assertThatThrownBy(client::begin).isInstanceOf(ProviderConfigurationException.class);
    assertThatThrownBy(client::checkProvider).isInstanceOf(ProviderConfigurationException.class);
    assertThat(sim.lastAuthorizeParameters()).isEmpty();
  }

  @Test
  @DisplayName("rp-id_token-sig-none: an unsigned ID token is refused")
  void rpIdTokenSigNone() {
    sim.misbehave(Misbehaviour.ID_TOKEN_ALG_NONE);
    assertThat(tokenRejection(client, sim)).isEqualTo(Reason.ALGORITHM);
  }

  @Test
  @DisplayName(
      "rp-key-rotation-op-sign-key-native: keys rotated just before signing: the unknown kid"
          + " triggers a JWKS refetch and the token verifies")
  void rpKeyRotationOpSignKeyNative() {
    login(client, sim); // keys cached
    LoginStart start = client.begin();
    URI callback = sim.login(start.authorizationUri());
    sim.rotateKeys(); // the token endpoint signs with a key the client has never seen
    assertThat(client.complete(callback, start.sealedTransaction()).subject()).endsWith("v1");
  }

  @Test
  @DisplayName("rp-key-rotation-op-sign-key: two logins with a rotation in between both succeed")
  void rpKeyRotationOpSignKey() {
    String first = login(client, sim).subject();
    String oldKid = sim.currentKeyId();
    sim.rotateKeys();
    assertThat(sim.currentKeyId()).isNotEqualTo(oldKid);
    assertThat(login(client, sim).subject()).isEqualTo(first);
  }
}
