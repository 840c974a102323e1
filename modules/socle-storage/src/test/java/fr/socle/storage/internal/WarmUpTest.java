package fr.socle.storage.internal;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class WarmUpTest {
  @Test
  void run_whenSmall_encryptsAndDecryptsWithoutError() {
    // The real warm-up pushes 1 GiB through; 32 MiB exercises the same code without the cost.
    assertThatCode(() -> WarmUp.run(32)).doesNotThrowAnyException();
  }
}
