package fr.socle.testkit.franceconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleClientException;
import fr.socle.testkit.internal.SimulatorCommand;
import java.net.URI;
import java.util.ServiceLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("FranceConnect simulator: lifecycle, extension per test, standalone command")
class SimulatorLifecycleTest {
  @RegisterExtension
  final FranceConnectSimulatorExtension perTest = FranceConnectSimulatorExtension.of(Flavour.FC);

  @Test
  void extensionOnInstanceField_startsASimulatorPerTest(FranceConnectSimulator sim) {
    assertThat(sim).isSameAs(perTest.simulator());
    assertThat(new RawOidcClient(sim).get(sim.discoveryUri()).statusCode()).isEqualTo(200);
  }

  @Test
  void close_isIdempotentAndStopsServing() {
    FranceConnectSimulator sim = FranceConnectSimulator.builder().build().start();
    String issuer = sim.issuer();
    sim.close();
    sim.close();
    assertThatThrownBy(sim::issuer).isInstanceOf(SocleClientException.class);
    assertThatThrownBy(
            () ->
                new RawOidcClient(perTest.simulator())
                    .http.send(
                        java.net.http.HttpRequest.newBuilder(URI.create(issuer + "/jwks")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void start_twice_fails() {
    assertThatThrownBy(perTest.simulator()::start).isInstanceOf(SocleClientException.class);
  }

  @Test
  void selectUser_ofAnotherFlavour_isRefused() {
    assertThatThrownBy(() -> perTest.simulator().selectUser(TestAgent.DEMO_AGENT))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void toString_revealsNoSecret() {
    assertThat(perTest.simulator().toString())
        .doesNotContain(FranceConnectSimulator.DEFAULT_CLIENT_SECRET);
    assertThat(TestIdentity.ANGELA_DUBOIS.toString()).doesNotContain("DUBOIS");
  }

  @Test
  void customUser_appearsOnThePageAndLogsIn() {
    TestIdentity custom =
        new TestIdentity(
            "mon_usager",
            "Usager maison",
            java.util.List.of("Léa"),
            "MOREAU",
            "",
            "2001-02-03",
            "female",
            "44109",
            "99100",
            "lea@example.org");
    try (FranceConnectSimulator sim =
        FranceConnectSimulator.builder().user(custom).build().start()) {
      RawOidcClient client = new RawOidcClient(sim);
      assertThat(
              RawOidcClient.query(client.loginThroughPage(client.validParameters(), "mon_usager")))
          .containsKey("code");
    }
  }

  @Test
  void standaloneCommand_isRegisteredUnderFranceconnect() {
    assertThat(ServiceLoader.load(SimulatorCommand.class).stream().map(p -> p.get().name()))
        .contains("franceconnect");
  }

  @Test
  void testIdentity_rejectsMalformedData() {
    assertThatThrownBy(
            () ->
                new TestIdentity(
                    "x",
                    "x",
                    java.util.List.of("A"),
                    "B",
                    "",
                    "1962-8-24",
                    "male",
                    "75107",
                    "99100",
                    "e"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () ->
                new TestIdentity(
                    "x",
                    "x",
                    java.util.List.of("A"),
                    "B",
                    "",
                    "1962",
                    "male",
                    "7510",
                    "99100",
                    "e"))
        .isInstanceOf(InvalidInputException.class);
  }
}
