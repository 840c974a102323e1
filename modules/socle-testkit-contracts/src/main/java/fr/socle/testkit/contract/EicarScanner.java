package fr.socle.testkit.contract;

import fr.socle.storage.spi.ContentScanner;
import fr.socle.storage.spi.ScanVerdict;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A {@link ContentScanner} simulator that detects the EICAR anti-malware test file, and nothing
 * else, anywhere in a document: for tests and demos of the refusal path without a ClamAV daemon. It
 * reports {@value #THREAT}. Use {@code fr.socle.storage.ClamdScanner} in production.
 *
 * <p>Streams in constant memory (it keeps the last 67 bytes between updates). Thread-safe: each
 * {@link #begin()} returns an independent scan.
 */
public final class EicarScanner implements ContentScanner {
  /** The name reported for the EICAR test file. */
  public static final String THREAT = "Eicar-Test-Signature";

  /**
   * The 68-byte EICAR test string, assembled reversed so that this class file does not itself look
   * like the test file to a scanner.
   */
  private static final byte[] EICAR =
      new StringBuilder("*H+H$!ELIF-TSET-SURIVITNA-DRADNATS-RACIE$}7)CC7)^P(45XZP\\4[PA@%P!O5X")
          .reverse()
          .toString()
          .getBytes(StandardCharsets.US_ASCII);

  /**
   * Returns the EICAR test file's bytes, to exercise a scanner.
   *
   * @return a fresh copy of the 68 bytes
   */
  public static byte[] eicarTestFile() {
    return EICAR.clone();
  }

  @Override
  public Scan begin() {
    return new Scan() {
      private byte[] tail = new byte[0];
      private boolean found;

      @Override
      public void update(byte[] bytes, int offset, int length) {
        if (found || length == 0) {
          return;
        }
        byte[] window = Arrays.copyOf(tail, tail.length + length);
        System.arraycopy(bytes, offset, window, tail.length, length);
        found = indexOf(window) >= 0;
        int keep = Math.min(window.length, EICAR.length - 1);
        tail = Arrays.copyOfRange(window, window.length - keep, window.length);
      }

      @Override
      public ScanVerdict finish() {
        return found ? ScanVerdict.infected(THREAT) : ScanVerdict.clean();
      }

      @Override
      public void close() {}
    };
  }

  private static int indexOf(byte[] haystack) {
    outer:
    for (int i = 0; i + EICAR.length <= haystack.length; i++) {
      for (int j = 0; j < EICAR.length; j++) {
        if (haystack[i + j] != EICAR[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public String toString() {
    return "EicarScanner[test simulator]";
  }
}
