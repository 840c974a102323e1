package fr.socle.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StandaloneMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return StandaloneMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void help_printsUsageWithEverySimulatorOnStandardOutput_andSucceeds() throws Exception {
    for (String help : new String[] {"--help", "-h", "help"}) {
      out.reset();
      assertThat(run(help)).as(help).isZero();
      assertThat(out())
          .startsWith("usage: java -jar socle-testkit-")
          .contains("franceconnect")
          .contains("payfip")
          .contains("<simulator> --help");
      assertThat(err()).isEmpty();
    }
  }

  @Test
  void simulatorHelp_printsThatSimulatorsOptions_andSucceeds() throws Exception {
    assertThat(run("payfip", "--help")).isZero();
    assertThat(out()).contains("usage: payfip").contains("--numcli");

    out.reset();
    assertThat(run("franceconnect", "-h")).isZero();
    assertThat(out()).contains("usage: franceconnect").contains("--flavour");
    assertThat(err()).isEmpty();
  }

  @Test
  void noArgument_printsUsageOnStandardError_andFails() throws Exception {
    assertThat(run()).isEqualTo(2);
    assertThat(err()).startsWith("usage: ").contains("payfip");
    assertThat(out()).isEmpty();
  }

  @Test
  void unknownSimulator_isNamedWithTheUsage_andFails() throws Exception {
    assertThat(run("sirene")).isEqualTo(2);
    assertThat(err()).contains("unknown simulator: sirene").contains("usage: ");
  }

  @Test
  void hostileSimulatorName_isNotEchoedRaw() throws Exception {
    assertThat(run("x\u001b[2J\r\nforged")).isEqualTo(2);
    assertThat(err()).doesNotContain("\u001b").doesNotContain("\r\nforged");
  }
}
