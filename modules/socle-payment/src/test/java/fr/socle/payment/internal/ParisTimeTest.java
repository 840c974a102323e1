package fr.socle.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ParisTimeTest {
  @Test
  void toInstant_readsParisLocalTime() {
    assertThat(ParisTime.toInstant("29112026", "1105"))
        .contains(Instant.parse("2026-11-29T10:05:00Z"));
    assertThat(ParisTime.toInstant("15072026", "1105"))
        .contains(Instant.parse("2026-07-15T09:05:00Z"));
    assertThat(ParisTime.toInstant("29112026", "905"))
        .contains(Instant.parse("2026-11-29T08:05:00Z"));
    assertThat(ParisTime.toInstant("01012027", "0000"))
        .contains(Instant.parse("2026-12-31T23:00:00Z"));
  }

  @Test
  void toInstant_inTheAutumnOverlapTakesTheEarlierOffset_andInTheSpringGapMovesForward() {
    assertThat(ParisTime.toInstant("25102026", "0230"))
        .contains(Instant.parse("2026-10-25T00:30:00Z"));
    assertThat(ParisTime.toInstant("29032026", "0230"))
        .contains(Instant.parse("2026-03-29T01:30:00Z"));
  }

  @Test
  void toInstant_refusesWhatIsNotADateAndTime() {
    String[][] bad = {
      {null, "1105"},
      {"29112026", null},
      {"2911202", "1105"},
      {"291120266", "1105"},
      {"29112026", "11"},
      {"29112026", "11055"},
      {"2911202a", "1105"},
      {"29112026", "11:5"},
      {"29112026", "+105"},
      {"29112026", "١١٠٥"},
      {"31022026", "1105"},
      {"29112026", "2500"},
      {"29112026", "1160"},
      {"00112026", "1105"}
    };
    for (String[] b : bad) {
      assertThat(ParisTime.toInstant(b[0], b[1])).as("%s %s", b[0], b[1]).isEmpty();
    }
  }
}
