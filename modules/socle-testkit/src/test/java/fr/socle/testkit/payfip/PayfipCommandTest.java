package fr.socle.testkit.payfip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.testkit.internal.SimulatorCommand;
import fr.socle.testkit.payfip.internal.PayfipCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class PayfipCommandTest {

  @Test
  void serviceLoader_findsThePayfipCommand() {
    assertThat(ServiceLoader.load(SimulatorCommand.class).stream().map(p -> p.get().name()))
        .contains("payfip");
  }

  @Test
  void start_withPortAndNumcli_servesAndPrintsBothUrls() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PayfipSimulator sim =
        PayfipCommand.start(
            new String[] {"--port", "0", "--numcli", "112233", "--numcli", "445566"},
            new PrintStream(out, true, StandardCharsets.UTF_8))) {
      String printed = out.toString(StandardCharsets.UTF_8);

      assertThat(printed)
          .contains("http://127.0.0.1:" + sim.port() + "/tpa/services/securite")
          .contains("http://127.0.0.1:" + sim.port() + "/tpa/paiementws.web")
          .contains("112233, 445566");
      assertThat(
              new RawSoap(sim.soapEndpoint())
                  .call("recupererDetailClient", Map.of("numCli", "445566"))
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void start_withBadOptions_refusesThem() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> PayfipCommand.start(new String[] {"--numcli", "12"}, out))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> PayfipCommand.start(new String[] {"--port", "x"}, out))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> PayfipCommand.start(new String[] {"--verbose"}, out))
        .isInstanceOf(InvalidInputException.class);
  }
}
