package fr.socle.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.socle.storage.spi.ContentScanner;
import fr.socle.storage.spi.ScanVerdict;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ContentScanner} must do, as a JUnit 5 suite: extend it, return the scanner
 * under test from {@link #scanner()}, and the suite runs against it. The scanner must detect the
 * EICAR test file (every antivirus engine does, and it is harmless).
 *
 * <pre>{@code
 * class MyScannerContractTest extends ContentScannerContract {
 *   protected ContentScanner scanner() { return new MyScanner(...); }
 * }
 * }</pre>
 */
public abstract class ContentScannerContract {

  /**
   * Returns the scanner under test.
   *
   * @return the scanner
   */
  protected abstract ContentScanner scanner();

  /**
   * Returns the size of the largest document the scanner under test inspects; the suite stays below
   * it.
   *
   * @return bytes, 1 MiB by default
   */
  protected long maxDocumentSize() {
    return 1 << 20;
  }

  private ScanVerdict scan(byte[] content, int piece) {
    try (ContentScanner.Scan scan = scanner().begin()) {
      for (int pos = 0; pos < content.length; pos += piece) {
        scan.update(content, pos, Math.min(piece, content.length - pos));
      }
      ScanVerdict verdict = scan.finish();
      assertNotNull(verdict, "finish() must return a verdict");
      return verdict;
    }
  }

  private byte[] document(int size, long seed) {
    byte[] doc = new byte[(int) Math.min(size, maxDocumentSize())];
    new Random(seed).nextBytes(doc);
    return doc;
  }

  @Test
  @DisplayName("the EICAR test file is reported with a threat name")
  void eicarIsInfected() {
    ScanVerdict verdict = scan(EicarScanner.eicarTestFile(), 68);
    assertFalse(verdict.isClean());
    assertTrue(verdict.threat().isPresent());
  }

  @Test
  @DisplayName("random content is clean, whatever the size of the pieces it arrives in")
  void randomContentIsClean() {
    byte[] doc = document(300_000, 1);
    for (int piece : new int[] {1_000, 65_536, doc.length}) {
      assertTrue(scan(doc, piece).isClean(), "pieces of " + piece);
    }
  }

  @Test
  @DisplayName("an empty document gets a verdict")
  void emptyDocument() {
    assertTrue(scan(new byte[0], 1).isClean());
  }

  @Test
  @DisplayName("a scan closed without finishing releases everything, and close is idempotent")
  void closeWithoutFinish() {
    ContentScanner.Scan scan = scanner().begin();
    byte[] doc = document(10_000, 2);
    scan.update(doc, 0, doc.length);
    scan.close();
    scan.close();
    assertTrue(scan(document(10_000, 3), 4096).isClean(), "the scanner still works");
  }

  @Test
  @DisplayName("concurrent scans do not mix their documents")
  void concurrentScans() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Future<?>[] results = new Future<?>[8];
      for (int i = 0; i < results.length; i++) {
        boolean infected = i % 2 == 0;
        long seed = i;
        results[i] =
            pool.submit(
                () -> {
                  byte[] doc =
                      infected ? EicarScanner.eicarTestFile() : document(50_000, 100 + seed);
                  assertEquals(infected, !scan(doc, 4096).isClean());
                  return null;
                });
      }
      for (Future<?> r : results) {
        r.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
