package fr.socle.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.SocleClientException;
import fr.socle.storage.spi.ContentScanner;
import fr.socle.storage.spi.ScanVerdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ContentPumpTest {

  private static byte[] random(int size) {
    byte[] b = new byte[size];
    new SplittableRandom(17).nextBytes(b);
    return b;
  }

  @Test
  void pump_whenTheSourceTrickles_feedsEveryByteOnceInOrderToDigestScanAndSink() throws Exception {
    byte[] data = random(6 * 1024 * 1024 + 5);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    RecordingScan scan = new RecordingScan();
    long size;
    byte[] digest;
    try (PipelinedDigest md = new PipelinedDigest(MessageDigest.getInstance("SHA-256"))) {
      size = ContentPump.pump(new Trickle(data), md, scan, sink);
      digest = md.digest();
    }

    assertThat(size).isEqualTo(data.length);
    assertThat(sink.toByteArray()).isEqualTo(data);
    assertThat(scan.seen.toByteArray()).isEqualTo(data);
    assertThat(digest).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
  }

  @Test
  void pump_whenTheSourceIsEmpty_returnsZeroAndTheEmptyDigest() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (PipelinedDigest md = new PipelinedDigest(MessageDigest.getInstance("SHA-256"))) {
      long size =
          ContentPump.pump(new ByteArrayInputStream(new byte[0]), md, new RecordingScan(), sink);

      assertThat(size).isZero();
      assertThat(md.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest());
    }
    assertThat(sink.size()).isZero();
  }

  @Test
  void pump_whenTheSourceFailsMidway_throwsTheContentErrorAndCloseStopsTheWorker()
      throws Exception {
    InputStream failing =
        new InputStream() {
          private long left = 3L * 1024 * 1024;

          @Override
          public int read() throws IOException {
            if (left-- <= 0) {
              throw new IOException("connection reset by the caller's peer");
            }
            return 7;
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
              throw new IOException("connection reset by the caller's peer");
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 7);
            left -= n;
            return n;
          }
        };
    PipelinedDigest md = new PipelinedDigest(MessageDigest.getInstance("SHA-256"));

    assertThatThrownBy(
            () ->
                ContentPump.pump(failing, md, new RecordingScan(), OutputStream.nullOutputStream()))
        .isInstanceOf(SocleClientException.class)
        .hasMessage("deposit failed: the content could not be read")
        .hasCauseInstanceOf(IOException.class);
    assertThat(md.workerAlive()).isTrue();
    md.close();
    assertThat(md.workerAlive()).isFalse();
  }

  @Test
  void pump_whenTheSinkFails_propagatesItsIoException() throws Exception {
    OutputStream full =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("no space left on device");
          }
        };
    try (PipelinedDigest md = new PipelinedDigest(MessageDigest.getInstance("SHA-256"))) {
      assertThatThrownBy(
              () ->
                  ContentPump.pump(
                      new ByteArrayInputStream(random(2 * 1024 * 1024)),
                      md,
                      new RecordingScan(),
                      full))
          .isInstanceOf(IOException.class)
          .hasMessage("no space left on device");
    }
  }

  /** Returns at most a few kilobytes per read, as a network stream does. */
  private static final class Trickle extends InputStream {
    private final byte[] data;
    private final SplittableRandom random = new SplittableRandom(23);
    private int pos;

    Trickle(byte[] data) {
      this.data = data;
    }

    @Override
    public int read() {
      return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos == data.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, 1 + random.nextInt(9000)), data.length - pos);
      System.arraycopy(data, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  private static final class RecordingScan implements ContentScanner.Scan {
    final ByteArrayOutputStream seen = new ByteArrayOutputStream();

    @Override
    public void update(byte[] bytes, int offset, int length) {
      seen.write(bytes, offset, length);
    }

    @Override
    public ScanVerdict finish() {
      return ScanVerdict.clean();
    }

    @Override
    public void close() {}
  }
}
