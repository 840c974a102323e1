package fr.socle.testkit.franceconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.core.Secret;
import fr.socle.core.SocleClientException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The error rule of docs/core.md on the FranceConnect simulator's public API: bad values are
 * InvalidInputExceptions naming the setting, nulls NullPointerExceptions naming the parameter, a
 * simulator used before start() a SocleClientException.
 */
class ErrorRuleTest {

  @Test
  @DisplayName("bad builder values are InvalidInputExceptions naming the setting")
  void builder_whenBadValue_isInvalidInput() {
    assertThatThrownBy(() -> FranceConnectSimulator.builder().port(70000))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("port");
    assertThatThrownBy(() -> FranceConnectSimulator.builder().clientId(" "))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("clientId");
    assertThatThrownBy(
            () ->
                FranceConnectSimulator.builder()
                    .clientSecret(Secret.of("short-secret-never-echoed")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("clientSecret")
        .hasMessageNotContaining("never-echoed");
    assertThatThrownBy(() -> FranceConnectSimulator.builder().nonceLength(10, 5))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("nonceLength");
    assertThatThrownBy(() -> FranceConnectSimulator.builder().clientSigningJwks("{\"keys\":[]}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("clientSigningJwks");
    assertThatThrownBy(() -> Flavour.fromCliName("fc3")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  @DisplayName("a registration the platform refuses is an InvalidInputException at build()")
  void build_whenRegistrationRefused_isInvalidInput() {
    assertThatThrownBy(
            () ->
                FranceConnectSimulator.builder()
                    .flavour(Flavour.PROCONNECT)
                    .sectorIdentifierUri(URI.create("https://mairie.example/sector.json"))
                    .build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("sectorIdentifierUri");
    assertThatThrownBy(() -> FranceConnectSimulator.builder().user(TestAgent.DEMO_AGENT).build())
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  @DisplayName("a null argument is a NullPointerException whose message is the parameter name")
  void nulls_areNamed() {
    assertThatThrownBy(() -> FranceConnectSimulator.builder().flavour(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("flavour");
    assertThatThrownBy(() -> FranceConnectSimulator.builder().clientId(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("clientId");
    assertThatThrownBy(() -> FranceConnectSimulator.builder().grantedScopes(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("scopes");
    assertThatThrownBy(() -> FranceConnectSimulatorExtension.of((Flavour) null).simulator())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("flavour");
    assertThatThrownBy(
            () ->
                new TestAgent(
                    "a@b.fr", "A", "A", "B", null, "1", "13002526500013", "", "", "", "idp"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("email");
    assertThatThrownBy(
            () ->
                new TestIdentity(
                    "x", "X", List.of("Jean"), "DUPONT", "", "1980", null, "", "99100", ""))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("gender");
  }

  @Test
  @DisplayName("test users with bad values are InvalidInputExceptions")
  void testUsers_whenBadValue_isInvalidInput() {
    assertThatThrownBy(
            () -> new TestAgent("a@b.fr", "A", "A", "B", "", "1", "123", "", "", "", "idp"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("siret");
    assertThatThrownBy(
            () ->
                new TestIdentity(
                    "x", "X", List.of("Jean"), "DUPONT", "", "1980", "other", "", "99100", ""))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("gender");
  }

  @Test
  @DisplayName("a simulator used before start() or outside a test is a SocleClientException")
  void lifecycle_misuse_isClientError() {
    FranceConnectSimulator sim = FranceConnectSimulator.builder().build();
    assertThatThrownBy(sim::issuer)
        .isInstanceOf(SocleClientException.class)
        .isNotInstanceOf(InvalidInputException.class)
        .hasMessageContaining("start()");
    assertThatThrownBy(() -> FranceConnectSimulatorExtension.of(Flavour.FC).simulator())
        .isInstanceOf(SocleClientException.class);
  }

  @Test
  @DisplayName("a user of the other platform is an InvalidInputException on a running simulator")
  void selectUser_whenOtherPlatform_isInvalidInput() {
    try (FranceConnectSimulator sim = FranceConnectSimulator.builder().build().start()) {
      assertThatThrownBy(() -> sim.selectUser(TestAgent.DEMO_AGENT))
          .isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> sim.selectUser(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("user");
      assertThat(sim.misbehaviours()).isEmpty();
    }
  }
}
