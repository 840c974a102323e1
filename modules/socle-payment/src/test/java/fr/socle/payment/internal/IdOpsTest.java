package fr.socle.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdOpsTest {

  @Test
  void isWellFormed_acceptsAsciiLettersDigitsAndDashesUpTo64() {
    assertThat(IdOps.isWellFormed("c0ffee00-1234-4abc-9def-0123456789ab")).isTrue();
    assertThat(IdOps.isWellFormed("C0FFEE00-1234-4ABC-9DEF-0123456789AB")).isTrue();
    assertThat(IdOps.isWellFormed("a")).isTrue();
    assertThat(IdOps.isWellFormed("z".repeat(64))).isTrue();
  }

  @Test
  void isWellFormed_refusesAnythingElse() {
    assertThat(IdOps.isWellFormed(null)).isFalse();
    assertThat(IdOps.isWellFormed("")).isFalse();
    assertThat(IdOps.isWellFormed("z".repeat(65))).isFalse();
    for (String hostile :
        new String[] {
          "a b",
          "a_b",
          "a.b",
          "a/b",
          "a<b",
          "a'b",
          "a\nb",
          "é",
          "\u0663",
          "\uff21",
          "a\u202eb",
          "a\0"
        }) {
      assertThat(IdOps.isWellFormed(hostile)).as(hostile).isFalse();
    }
  }
}
