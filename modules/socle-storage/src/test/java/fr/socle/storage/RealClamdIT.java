package fr.socle.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.storage.spi.ContentScanner;
import fr.socle.storage.spi.ScanVerdict;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deposits scanned by a real clamd (offline, one EICAR signature). Skipped when clamd is not
 * installed.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RealClamdIT {
  /** Small limits, so that the size traps show with small documents. */
  private static final long MAX_FILE = 512 * 1024;

  private static final long STREAM_MAX = 1024 * 1024;

  @TempDir static Path clamdDir;
  private static ClamdProcess clamd;

  @TempDir Path dir;

  @BeforeAll
  static void startClamd() throws Exception {
    clamd =
        ClamdProcess.start(clamdDir, "MaxFileSize " + MAX_FILE, "StreamMaxLength " + STREAM_MAX);
  }

  @AfterAll
  static void stopClamd() throws Exception {
    if (clamd != null) {
      clamd.close();
    }
  }

  private static ClamdScanner.Builder scanner() {
    return ClamdScanner.builder()
        .tcp("127.0.0.1", clamd.port())
        .maxFileSize(MAX_FILE)
        .streamMaxLength(STREAM_MAX);
  }

  private static ScanVerdict scan(ContentScanner scanner, byte[] content) {
    try (ContentScanner.Scan scan = scanner.begin()) {
      scan.update(content, 0, content.length);
      return scan.finish();
    }
  }

  /** A document of {@code size} bytes with the EICAR string near its end. */
  private static byte[] withEicarAtEnd(int size) {
    byte[] doc = new byte[size];
    Arrays.fill(doc, (byte) 'a');
    byte[] eicar = ClamdProcess.eicar();
    System.arraycopy(eicar, 0, doc, size - eicar.length - 10, eicar.length);
    return doc;
  }

  @Test
  @DisplayName("the EICAR test file is refused, nothing is stored and the refusal is journaled")
  void eicarRefused() {
    try (SafeFixture f = new SafeFixture(dir, scanner().build())) {
      assertThatThrownBy(() -> f.deposit("upload", ClamdProcess.eicar()))
          .isInstanceOf(MalwareDetectedException.class)
          .extracting(e -> ((MalwareDetectedException) e).threat())
          .isEqualTo(ClamdProcess.THREAT);

      assertThat(f.safe.list(SafeFixture.TENANT, SafeFixture.CONTAINER, "test")).isEmpty();
      assertThat(f.storedFiles()).noneMatch(p -> p.endsWith("content") || p.endsWith("key"));
      assertThat(f.safe.journal(SafeFixture.TENANT, 1, 10))
          .extracting(JournalEntry::operation)
          .contains(JournalOperation.CONTENT_REFUSED);
      assertThat(f.safe.verifyJournal(SafeFixture.TENANT).intact()).isTrue();
    }
  }

  @Test
  @DisplayName("a clean document is deposited and reads back")
  void cleanAccepted() {
    try (SafeFixture f = new SafeFixture(dir, scanner().build())) {
      byte[] content = TestData.bytes(300_000, 11);
      f.deposit("clean", content);
      assertThat(f.read("clean")).isEqualTo(content);
    }
  }

  @Test
  @DisplayName("EICAR inside a document under MaxFileSize is found")
  void eicarEmbedded() {
    assertThat(scan(scanner().build(), withEicarAtEnd(400_000)).threat())
        .contains(ClamdProcess.THREAT);
  }

  @Test
  @DisplayName("clamd passes a document over MaxFileSize unscanned; the client refuses it instead")
  void overMaxFileSize() {
    byte[] doc = withEicarAtEnd((int) MAX_FILE + 100_000);
    // The trap, shown with a client that believes clamd's limit is larger than it is:
    ContentScanner misconfigured = scanner().maxFileSize(STREAM_MAX).build();
    assertThat(scan(misconfigured, doc).isClean())
        .as("clamd answers OK for malware it did not scan")
        .isTrue();

    assertThatThrownBy(() -> scan(scanner().build(), doc))
        .isInstanceOf(ContentTooLargeToScanException.class);
    try (SafeFixture f = new SafeFixture(dir, scanner().build())) {
      assertThatThrownBy(() -> f.deposit("big", doc))
          .isInstanceOf(ContentTooLargeToScanException.class);
      assertThat(f.safe.list(SafeFixture.TENANT, SafeFixture.CONTAINER, "test")).isEmpty();
    }
  }

  @Test
  @DisplayName("clamd's 'INSTREAM size limit exceeded' is a typed refusal")
  void overStreamMaxLength() {
    ContentScanner misconfigured =
        scanner().maxFileSize(4L << 20).streamMaxLength(4L << 20).build();
    byte[] doc = TestData.bytes(2 * (int) STREAM_MAX, 12);
    assertThatThrownBy(() -> scan(misconfigured, doc))
        .isInstanceOf(ContentTooLargeToScanException.class);
  }

  @Test
  @DisplayName("with AlertExceedsMax, clamd's limit heuristic is a size refusal")
  void alertExceedsMax(@TempDir Path otherDir) throws Exception {
    try (ClamdProcess alerting =
        ClamdProcess.start(
            otherDir,
            "MaxFileSize " + MAX_FILE,
            "StreamMaxLength " + STREAM_MAX,
            "AlertExceedsMax yes")) {
      ContentScanner misconfigured =
          ClamdScanner.builder()
              .tcp("127.0.0.1", alerting.port())
              .maxFileSize(STREAM_MAX)
              .streamMaxLength(STREAM_MAX)
              .build();
      assertThatThrownBy(() -> scan(misconfigured, TestData.bytes((int) MAX_FILE + 1, 13)))
          .isInstanceOf(ContentTooLargeToScanException.class);
    }
  }
}
