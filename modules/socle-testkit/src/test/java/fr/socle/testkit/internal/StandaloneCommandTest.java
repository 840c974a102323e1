package fr.socle.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command-line parsing the simulator commands share. */
class StandaloneCommandTest {

  @Test
  void forEachOption_givesThePairsInOrder() {
    List<StandaloneCommand.Option> seen = new ArrayList<>();
    StandaloneCommand.forEachOption(new String[] {"--port", "0", "--numcli", "123456"}, seen::add);
    assertThat(seen)
        .containsExactly(
            new StandaloneCommand.Option("--port", "0"),
            new StandaloneCommand.Option("--numcli", "123456"));
  }

  @Test
  void forEachOption_whenValueMissing_isInvalidInput() {
    assertThatThrownBy(() -> StandaloneCommand.forEachOption(new String[] {"--port"}, o -> {}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("missing value after --port");
  }

  @Test
  void port_whenNotANumber_isInvalidInput() {
    assertThatThrownBy(() -> StandaloneCommand.port(new StandaloneCommand.Option("--port", "x")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("--port takes a number, not x");
    assertThat(StandaloneCommand.port(new StandaloneCommand.Option("--port", "8088")))
        .isEqualTo(8088);
  }
}
