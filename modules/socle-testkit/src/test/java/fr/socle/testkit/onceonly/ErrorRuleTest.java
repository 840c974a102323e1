package fr.socle.testkit.onceonly;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleClientException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The error rule of docs/core.md on the once-only simulator's public API. */
class ErrorRuleTest {

  @Test
  @DisplayName("bad builder values are InvalidInputExceptions, nulls NullPointerExceptions named")
  void builder_followsTheErrorRule() {
    assertThatThrownBy(() -> OnceOnlySimulator.builder().port(65536))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("port");
    assertThatThrownBy(
            () -> OnceOnlySimulator.builder().limit("particulier", "xml", 1, Duration.ofSeconds(1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(
            () ->
                OnceOnlySimulator.builder().limit("particulier", "json", 0, Duration.ofSeconds(1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("permits");
    assertThatThrownBy(
            () -> OnceOnlySimulator.builder().limit(null, "json", 1, Duration.ofSeconds(1)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("api");
    assertThatThrownBy(() -> Misbehaviour.providerDown(500))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("status");
    assertThatThrownBy(
            () ->
                new SimulatedHousehold(
                    "CNAF", 500, List.of(), List.of(), List.of(), Optional.empty(), List.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("allocataires");
    assertThatThrownBy(
            () ->
                new SimulatedHousehold(
                    "CNAF", 500, null, List.of(), List.of(), Optional.empty(), List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("allocataires");
  }

  @Test
  @DisplayName("a simulator used outside a test, or started twice, is a SocleClientException")
  void lifecycle_misuse_isClientError() {
    assertThatThrownBy(() -> new OnceOnlySimulatorExtension().simulator())
        .isInstanceOf(SocleClientException.class);
    try (OnceOnlySimulator sim = OnceOnlySimulator.builder().start()) {
      assertThatThrownBy(sim::start)
          .isInstanceOf(SocleClientException.class)
          .isNotInstanceOf(InvalidInputException.class);
    }
  }
}
