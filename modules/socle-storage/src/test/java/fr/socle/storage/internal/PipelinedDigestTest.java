package fr.socle.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.Arrays;
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

  @Test
  void borrowAndSubmit_whenFedPastTheThreshold_equalsTheSequentialDigest() throws Exception {
    byte[] data = random(7 * 1024 * 1024 + 13);
    try (PipelinedDigest d = new PipelinedDigest(MessageDigest.getInstance("SHA-256"))) {
      feedLent(d, data, new SplittableRandom(9), false);

      assertThat(d.workerAlive()).isTrue();
      assertThat(d.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
    }
  }

  @Test
  void borrow_whileTheWorkerIsSlow_neverLendsABufferStillBeingHashed() throws Exception {
    // The caller scribbles over every buffer it is lent before filling it: if a buffer were lent
    // again while the worker still hashed it, the garbage would end up in the digest.
    byte[] data = random(9 * 1024 * 1024 + 1);
    try (PipelinedDigest d = new PipelinedDigest(new SlowSha256())) {
      feedLent(d, data, new SplittableRandom(11), true);

      assertThat(d.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
    }
  }

  @Test
  void borrow_whenSmall_isHashedInlineWithoutAThread() throws Exception {
    byte[] data = random(900_000);
    try (PipelinedDigest d = new PipelinedDigest(MessageDigest.getInstance("SHA-256"))) {
      feedLent(d, data, new SplittableRandom(3), false);

      assertThat(d.workerAlive()).isFalse();
      assertThat(d.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
    }
  }

  @Test
  void submit_ofABufferNotLent_isRefused() throws Exception {
    try (PipelinedDigest d = new PipelinedDigest(MessageDigest.getInstance("SHA-256"))) {
      byte[] lent = d.borrow();

      assertThatThrownBy(() -> d.submit(new byte[lent.length], 1))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> d.submit(lent, lent.length + 1))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> d.update(new byte[1], 0, 1))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void close_whenAbandonedMidwayInLendingMode_stopsTheWorkerThread() throws Exception {
    byte[] data = random(3 * 1024 * 1024);
    PipelinedDigest d = new PipelinedDigest(MessageDigest.getInstance("SHA-256"));
    feedLent(d, data, new SplittableRandom(1), false);
    d.borrow();
    assertThat(d.workerAlive()).isTrue();

    d.close();

    assertThat(d.workerAlive()).isFalse();
  }

  /** Feeds data through borrowed buffers, each filled with a random length up to its size. */
  private static void feedLent(
      PipelinedDigest d, byte[] data, SplittableRandom random, boolean scribble) {
    int off = 0;
    while (off < data.length) {
      byte[] buf = d.borrow();
      if (scribble) {
        Arrays.fill(buf, (byte) 0x5a);
      }
      int n = Math.min(data.length - off, 1 + random.nextInt(buf.length));
      System.arraycopy(data, off, buf, 0, n);
      d.submit(buf, n);
      off += n;
    }
  }

  /** SHA-256 that takes its time, so the producer runs ahead of the worker. */
  private static final class SlowSha256 extends MessageDigest {
    private final MessageDigest inner;

    SlowSha256() throws Exception {
      super("SHA-256");
      inner = MessageDigest.getInstance("SHA-256");
    }

    @Override
    protected void engineUpdate(byte input) {
      inner.update(input);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
      try {
        Thread.sleep(3);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inner.update(input, offset, len);
    }

    @Override
    protected byte[] engineDigest() {
      return inner.digest();
    }

    @Override
    protected void engineReset() {
      inner.reset();
    }
  }
}
