package fr.socle.identity.conformance;

import static fr.socle.identity.conformance.Conformance.clientFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import fr.socle.core.InvalidInputException;
import fr.socle.identity.AuthorizationErrorException;
import fr.socle.identity.Identity;
import fr.socle.identity.IdentityClient;
import fr.socle.identity.IdentityClientBuilder;
import fr.socle.identity.LoginOptions;
import fr.socle.identity.LoginOptions.Prompt;
import fr.socle.identity.LoginStart;
import fr.socle.identity.Scope;
import fr.socle.testkit.franceconnect.Flavour;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import fr.socle.testkit.franceconnect.SimulatorErrorPageException;
import fr.socle.testkit.franceconnect.TestAgent;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code prompt}, {@code idp_hint}, {@code login_hint} and {@code siret_hint} per platform. */
class LoginOptionsConformanceTest {

  private static FranceConnectSimulator start(Flavour flavour) {
    return FranceConnectSimulator.builder().flavour(flavour).build().start();
  }

  @Test
  @DisplayName("ProConnect: the hints and prompt are sent and the login completes")
  void proConnect_sendsHintsAndCompletes() {
    try (FranceConnectSimulator sim = start(Flavour.PROCONNECT);
        IdentityClient c = clientFor(sim).scopes(Scope.EMAIL, Scope.SIRET).build()) {
      LoginStart start =
          c.begin(
              LoginOptions.builder()
                  .prompt(Prompt.LOGIN, Prompt.CONSENT)
                  .idpHint("fia1v2")
                  .loginHint("agent@mairie.example.fr")
                  .siretHint("21750001600019")
                  .build());
      Identity agent =
          c.complete(
              sim.login(start.authorizationUri(), TestAgent.DEMO_AGENT), start.sealedTransaction());
      assertThat(agent.subject()).isNotBlank();
      assertThat(sim.lastAuthorizeParameters())
          .containsEntry("prompt", "login consent")
          .containsEntry("idp_hint", "fia1v2")
          .containsEntry("login_hint", "agent@mairie.example.fr")
          .containsEntry("siret_hint", "21750001600019");
    }
  }

  @Test
  @DisplayName("ProConnect: a silent login without a provider session ends in login_required")
  void proConnect_silentLoginWithoutSession_throwsLoginRequired() {
    try (FranceConnectSimulator sim = start(Flavour.PROCONNECT);
        IdentityClient c = clientFor(sim).build()) {
      LoginStart start = c.begin(LoginOptions.builder().prompt(Prompt.NONE).build());
      assertThatThrownBy(
              () -> c.complete(sim.login(start.authorizationUri()), start.sealedTransaction()))
          .isInstanceOfSatisfying(
              AuthorizationErrorException.class,
              e -> assertThat(e.error()).isEqualTo("login_required"));
    }
  }

  @Test
  @DisplayName("FranceConnect: prompt=login is sent and the login completes")
  void franceConnect_promptLogin() {
    try (FranceConnectSimulator sim = start(Flavour.FC);
        IdentityClient c = clientFor(sim).build()) {
      LoginStart start = c.begin(LoginOptions.builder().prompt(Prompt.LOGIN).build());
      assertThat(c.complete(sim.login(start.authorizationUri()), start.sealedTransaction()))
          .isNotNull();
      assertThat(sim.lastAuthorizeParameters()).containsEntry("prompt", "login");
    }
  }

  @Test
  @DisplayName("FranceConnect: idp_hint not enabled for the service shows error Y030032")
  void franceConnect_idpHintNotEnabled_showsY030032() {
    try (FranceConnectSimulator sim = start(Flavour.FC);
        IdentityClient c = clientFor(sim).build()) {
      LoginStart start = c.begin(LoginOptions.builder().idpHint("fip1-high").build());
      assertThatThrownBy(() -> sim.login(start.authorizationUri()))
          .isInstanceOfSatisfying(
              SimulatorErrorPageException.class,
              e -> assertThat(e.errorCode()).isEqualTo("Y030032"));
    }
  }

  @Test
  @DisplayName(
      "FranceConnect and FranceConnect+: parameters they do not define fail before any redirect")
  void franceConnect_refusesWhatItDoesNotDefine() {
    KeyPair encryption = Conformance.rsaKeyPair();
    String jwks =
        new JWKSet(
                new RSAKey.Builder((RSAPublicKey) encryption.getPublic())
                    .keyID("enc")
                    .keyUse(KeyUse.ENCRYPTION)
                    .build())
            .toString();
    for (Flavour flavour : new Flavour[] {Flavour.FC, Flavour.FC_PLUS}) {
      try (FranceConnectSimulator sim =
          FranceConnectSimulator.builder().flavour(flavour).clientJwks(jwks).build().start()) {
        IdentityClientBuilder b = clientFor(sim);
        if (flavour == Flavour.FC_PLUS) {
          b.decryptionKey("enc", encryption);
        }
        try (IdentityClient c = b.build()) {
          for (LoginOptions refused :
              new LoginOptions[] {
                LoginOptions.builder().prompt(Prompt.NONE).build(),
                LoginOptions.builder().prompt(Prompt.SELECT_ACCOUNT).build(),
                LoginOptions.builder().loginHint("a@b.fr").build(),
                LoginOptions.builder().siretHint("21750001600019").build()
              }) {
            assertThatThrownBy(() -> c.begin(refused))
                .as(flavour + " " + refused)
                .isInstanceOf(InvalidInputException.class);
          }
          assertThat(sim.lastAuthorizeParameters()).isEmpty();
        }
      }
    }
  }
}
