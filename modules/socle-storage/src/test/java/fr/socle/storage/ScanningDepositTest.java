package fr.socle.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.storage.spi.ContentScanner;
import fr.socle.storage.spi.ScanVerdict;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deposit pipeline with a content scanner: everything refused is never stored. */
class ScanningDepositTest {
  @TempDir Path dir;

  /** A scanner that collects the bytes and decides with {@code verdict}. */
  private static final class Recording implements ContentScanner {
    final ByteArrayOutputStream seen = new ByteArrayOutputStream();
    final Function<byte[], ScanVerdict> verdict;
    final AtomicBoolean closed = new AtomicBoolean();

    Recording(Function<byte[], ScanVerdict> verdict) {
      this.verdict = verdict;
    }

    @Override
    public Scan begin() {
      return new Scan() {
        @Override
        public void update(byte[] bytes, int offset, int length) {
          seen.write(bytes, offset, length);
        }

        @Override
        public ScanVerdict finish() {
          return verdict.apply(seen.toByteArray());
        }

        @Override
        public void close() {
          closed.set(true);
        }
      };
    }
  }

  private static void assertNothingStored(SafeFixture f) {
    assertThat(f.safe.list(SafeFixture.TENANT, SafeFixture.CONTAINER, "test")).isEmpty();
    assertThat(f.storedFiles())
        .as("no ciphertext, envelope or reservation left behind")
        .noneMatch(p -> p.contains("/c/"))
        .noneMatch(p -> p.startsWith("tmp/"));
  }

  @Test
  @DisplayName("the scanner sees every byte of the deposit, and a clean verdict stores it")
  void cleanStored() {
    Recording scanner = new Recording(b -> ScanVerdict.clean());
    try (SafeFixture f = new SafeFixture(dir, scanner)) {
      byte[] content = TestData.bytes(3 << 20, 1);
      f.deposit("doc", content);
      assertThat(scanner.seen.toByteArray()).isEqualTo(content);
      assertThat(scanner.closed).isTrue();
      assertThat(f.read("doc")).isEqualTo(content);
    }
  }

  @Test
  @DisplayName("infected content is refused with the threat name, never stored, and journaled")
  void infectedRefused() {
    Recording scanner = new Recording(b -> ScanVerdict.infected("Test.Evil"));
    try (SafeFixture f = new SafeFixture(dir, scanner)) {
      assertThatThrownBy(() -> f.deposit("doc", TestData.bytes(2 << 20, 2)))
          .isInstanceOf(MalwareDetectedException.class)
          .hasMessageContaining("Test.Evil");
      assertNothingStored(f);
      assertThat(f.safe.journal(SafeFixture.TENANT, 1, 10))
          .extracting(JournalEntry::operation, JournalEntry::documentId)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(JournalOperation.CONTENT_REFUSED, "doc"),
              org.assertj.core.groups.Tuple.tuple(JournalOperation.LIST, ""));
    }
  }

  @Test
  @DisplayName("a new version with malware leaves the previous version the latest")
  void infectedNewVersion() {
    try (SafeFixture clean = new SafeFixture(dir)) {
      clean.deposit("doc", TestData.bytes(1000, 3));
    }
    Recording scanner = new Recording(b -> ScanVerdict.infected("Test.Evil"));
    try (SafeFixture f = new SafeFixture(dir, scanner)) {
      assertThatThrownBy(() -> f.deposit("doc", TestData.bytes(1000, 4)))
          .isInstanceOf(MalwareDetectedException.class);
      assertThat(f.read("doc")).isEqualTo(TestData.bytes(1000, 3));
    }
  }

  @Test
  @DisplayName(
      "a refused deposit's version number is journaled once and never reused, and never readable")
  void refusedVersionNumberNotReused() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean infected =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    Recording scanner =
        new Recording(
            b -> infected.get() ? ScanVerdict.infected("Test.Evil") : ScanVerdict.clean());
    try (SafeFixture f = new SafeFixture(dir, scanner)) {
      assertThatThrownBy(() -> f.deposit("doc", TestData.bytes(1000, 8)))
          .isInstanceOf(MalwareDetectedException.class);
      infected.set(false);
      DocumentMetadata m = f.deposit("doc", TestData.bytes(1000, 9));

      // The refusal named version 1: the accepted content must not take that number too.
      assertThat(m.version()).isEqualTo(2);
      JournalEntry refused =
          f.safe.journal(SafeFixture.TENANT, 1, 100).stream()
              .filter(e -> e.operation() == JournalOperation.CONTENT_REFUSED)
              .findFirst()
              .orElseThrow();
      assertThat(refused.version()).isEqualTo(1);
      assertThat(refused.digest()).isEmpty();
      assertThat(refused.retainUntil()).isEmpty();
      assertThat(refused.legalHold()).isFalse();
      DocumentRef ref = ArchiveExportTest.ref("doc");
      assertThatThrownBy(() -> f.safe.read(ref, 1, "lecteur"))
          .isInstanceOf(DocumentNotFoundException.class);
      try (java.io.InputStream in = f.safe.read(ref, 2, "lecteur")) {
        assertThat(in.readAllBytes()).isEqualTo(TestData.bytes(1000, 9));
      }
      assertThat(f.safe.verifyJournal(SafeFixture.TENANT).intact()).isTrue();
    }
    // A safe that replays the journal from the store agrees.
    try (SafeFixture f = new SafeFixture(dir)) {
      assertThat(f.deposit("doc", TestData.bytes(10, 10)).version()).isEqualTo(3);
    }
  }

  @Test
  @DisplayName("a first deposit refused leaves no document to list or count")
  void refusedFirstDepositNotCounted() {
    Recording scanner = new Recording(b -> ScanVerdict.infected("Test.Evil"));
    try (SafeFixture f = new SafeFixture(dir, scanner)) {
      assertThatThrownBy(() -> f.deposit("doc", TestData.bytes(1000, 11)))
          .isInstanceOf(MalwareDetectedException.class);
      assertThat(f.safe.count(SafeFixture.TENANT, SafeFixture.CONTAINER, "test")).isZero();
      assertThatThrownBy(() -> f.safe.metadata(ArchiveExportTest.ref("doc"), "test"))
          .isInstanceOf(DocumentNotFoundException.class);
    }
  }

  @Test
  @DisplayName("a scanner that breaks, returns no verdict or cannot start refuses the deposit")
  void brokenScannersFailClosed() {
    ContentScanner throwsOnUpdate =
        () ->
            new ContentScanner.Scan() {
              @Override
              public void update(byte[] bytes, int offset, int length) {
                throw new IllegalStateException("boom");
              }

              @Override
              public ScanVerdict finish() {
                return ScanVerdict.clean();
              }

              @Override
              public void close() {}
            };
    ContentScanner nullVerdict = new Recording(b -> null);
    ContentScanner cannotStart =
        () -> {
          throw new IllegalStateException("no scanner");
        };
    ContentScanner nullScan = () -> null;
    for (ContentScanner scanner :
        new ContentScanner[] {throwsOnUpdate, nullVerdict, cannotStart, nullScan}) {
      try (SafeFixture f =
          new SafeFixture(dir.resolve(Integer.toString(scanner.hashCode())), scanner)) {
        assertThatThrownBy(() -> f.deposit("doc", TestData.bytes(1000, 5)))
            .isInstanceOf(ScannerUnavailableException.class);
        assertNothingStored(f);
      }
    }
  }

  @Test
  @DisplayName("a size refusal from the scanner is journaled and nothing is stored")
  void tooLarge() {
    ContentScanner scanner =
        () ->
            new ContentScanner.Scan() {
              long n;

              @Override
              public void update(byte[] bytes, int offset, int length) {
                n += length;
                if (n > 100_000) {
                  throw new ContentTooLargeToScanException(100_000);
                }
              }

              @Override
              public ScanVerdict finish() {
                return ScanVerdict.clean();
              }

              @Override
              public void close() {}
            };
    try (SafeFixture f = new SafeFixture(dir, scanner)) {
      assertThatThrownBy(() -> f.deposit("doc", TestData.bytes(200_000, 6)))
          .isInstanceOf(ContentTooLargeToScanException.class);
      assertNothingStored(f);
      f.deposit("small", TestData.bytes(50_000, 7));
      assertThat(f.read("small")).isEqualTo(TestData.bytes(50_000, 7));
    }
  }
}
