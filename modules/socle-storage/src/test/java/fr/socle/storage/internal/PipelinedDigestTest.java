package fr.socle.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PipelinedDigestTest {

  private static byte[] random(int size) {
    byte[] b = new byte[size];
    new SplittableRandom(5).nextBytes(b);
    return b;
  }

  @Test
  void digest_whenFedInUnevenChunksPastTheThreshold_equalsTheSequentialDigest() throws Exception {
    byte[] data = random(5 * 1024 * 1024 + 7);
    PipelinedDigest d = new PipelinedDigest(MessageDigest.getInstance("SHA-256"));
    int off = 0;
    int step = 1;
    while (off < data.length) {
      int n = Math.min(step, data.length - off);
      d.update(data, off, n);
      off += n;
      step = step * 3 % 300_000 + 1;
    }

    assertThat(d.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
  }

  @Test
  void digest_whenSmall_isComputedInline() throws Exception {
    byte[] data = random(1000);
    try (PipelinedDigest d = new PipelinedDigest(MessageDigest.getInstance("SHA-512"))) {
      d.update(data, 0, data.length);
      assertThat(d.digest()).isEqualTo(MessageDigest.getInstance("SHA-512").digest(data));
    }
  }

  @Test
  void close_whenAbandonedMidway_stopsTheWorkerThread() throws Exception {
    byte[] data = random(3 * 1024 * 1024);
    PipelinedDigest d = new PipelinedDigest(MessageDigest.getInstance("SHA-256"));
    d.update(data, 0, data.length);
    assertThat(d.workerAlive()).isTrue();

    d.close();

    assertThat(d.workerAlive()).isFalse();
  }
}
