package fr.socle.testkit.franceconnect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("FranceConnectSimulatorExtension with @Nested classes")
class ExtensionNestingTest {
  @RegisterExtension
  static final FranceConnectSimulatorExtension FC = FranceConnectSimulatorExtension.of(Flavour.FC);

  private static FranceConnectSimulator outer;

  @Test
  void outerTest_seesTheSimulator() {
    outer = FC.simulator();
    assertThat(outer.issuer()).startsWith("http://127.0.0.1:");
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Inner {
    @Test
    void nestedTest_sharesTheEnclosingSimulator() {
      assertThat(FC.simulator()).isSameAs(FC.simulator());
      if (outer != null) {
        assertThat(FC.simulator()).isSameAs(outer);
      }
    }

    @AfterAll
    void afterNested() {
      // The nested class ending must not stop the enclosing class's simulator.
      assertThat(FC.simulator().issuer()).isNotNull();
    }
  }
}
