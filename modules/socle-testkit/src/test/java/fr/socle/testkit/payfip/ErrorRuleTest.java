package fr.socle.testkit.payfip;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleClientException;
import fr.socle.core.SocleTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The error rule of docs/core.md on the PayFiP simulator's public API. */
class ErrorRuleTest {

  @Test
  @DisplayName("bad builder values are InvalidInputExceptions, nulls NullPointerExceptions named")
  void builder_followsTheErrorRule() {
    assertThatThrownBy(() -> PayfipSimulator.builder().port(-1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("port");
    assertThatThrownBy(() -> PayfipSimulator.builder().numcli("12345"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("numcli");
    assertThatThrownBy(() -> PayfipSimulator.builder().numcli(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("numcli");
    assertThatThrownBy(() -> Misbehaviour.slowSoap(Duration.ofHours(1)))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Misbehaviour.duplicateNotification(2).times(0))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  @DisplayName("a simulator used before start() or outside a test is a SocleClientException")
  void lifecycle_misuse_isClientError() {
    PayfipSimulator sim = PayfipSimulator.builder().build();
    assertThatThrownBy(sim::port)
        .isInstanceOf(SocleClientException.class)
        .isNotInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> sim.complete("x", Outcome.CARD_PAID))
        .isInstanceOf(SocleClientException.class)
        .isNotInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new PayfipSimulatorExtension().simulator())
        .isInstanceOf(SocleClientException.class);
  }

  @Test
  @DisplayName("an idOp the simulator cannot complete is an InvalidInputException")
  void complete_whenUnknownOperation_isInvalidInput() {
    try (PayfipSimulator sim = PayfipSimulator.builder().start()) {
      assertThatThrownBy(() -> sim.complete("unknown-idop", Outcome.CARD_PAID))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("unknown");
      assertThatThrownBy(() -> sim.awaitNotifications(1, Duration.ofMillis(10)))
          .isInstanceOf(SocleTimeoutException.class);
      assertThatThrownBy(sim::start).isInstanceOf(SocleClientException.class);
    }
  }
}
