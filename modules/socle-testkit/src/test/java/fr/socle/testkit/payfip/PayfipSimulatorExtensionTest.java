package fr.socle.testkit.payfip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayfipSimulatorExtensionTest {
  @RegisterExtension
  static final PayfipSimulatorExtension PAYFIP =
      new PayfipSimulatorExtension(PayfipSimulator.builder().numcli("654321"));

  static int firstPort;

  @Test
  @Order(1)
  void extension_injectsTheRunningSimulator(PayfipSimulator injected) throws Exception {
    assertThat(injected).isSameAs(PAYFIP.simulator());
    assertThat(injected.numclis()).containsExactly("654321");
    firstPort = injected.port();
    injected.misbehave(Misbehaviour.badGateway());

    assertThat(
            new RawSoap(injected.soapEndpoint())
                .call("recupererDetailClient", Map.of("numCli", "654321"))
                .statusCode())
        .isEqualTo(502);
  }

  @Test
  @Order(2)
  void extension_resetsMisbehavioursBetweenTestsAndKeepsOneServerPerClass() throws Exception {
    PayfipSimulator sim = PAYFIP.simulator();

    assertThat(sim.port()).isEqualTo(firstPort);
    assertThat(sim.misbehaviours()).isEmpty();
    assertThat(
            new RawSoap(sim.soapEndpoint())
                .call("recupererDetailClient", Map.of("numCli", "654321"))
                .statusCode())
        .isEqualTo(200);
  }
}
