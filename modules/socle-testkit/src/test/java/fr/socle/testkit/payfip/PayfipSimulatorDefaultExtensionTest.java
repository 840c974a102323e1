package fr.socle.testkit.payfip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PayfipSimulatorExtension.class)
class PayfipSimulatorDefaultExtensionTest {

  @Test
  void extendWith_injectsASimulatorWithTheDefaultNumcli(PayfipSimulator sim) throws Exception {
    assertThat(sim.numclis()).containsExactly(PayfipSimulator.DEFAULT_NUMCLI);
    assertThat(
            new RawSoap(sim.soapEndpoint())
                .call("recupererDetailClient", Map.of("numCli", "090909"))
                .statusCode())
        .isEqualTo(200);
  }
}
