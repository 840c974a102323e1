package fr.socle.storage.internal;

import fr.socle.storage.ContentRejectedException;
import fr.socle.storage.MalwareDetectedException;
import fr.socle.storage.ScannerUnavailableException;
import fr.socle.storage.spi.ContentScanner;
import fr.socle.storage.spi.ScanVerdict;
import java.util.Optional;

/**
 * The deposit pipeline's side of a {@link ContentScanner}: no-op without a scanner, and fail-closed
 * with one. Whatever a scanner throws that is not one of the typed refusals becomes a {@link
 * ScannerUnavailableException}, and a missing verdict is an error, never a pass.
 */
public final class Scanning {
  private static final ContentScanner.Scan NONE =
      new ContentScanner.Scan() {
        @Override
        public void update(byte[] bytes, int offset, int length) {}

        @Override
        public ScanVerdict finish() {
          return ScanVerdict.clean();
        }

        @Override
        public void close() {}
      };

  private Scanning() {}

  /**
   * Starts a scan for one deposit.
   *
   * @param scanner the configured scanner, if any
   * @return the scan (a no-op without a scanner)
   */
  public static ContentScanner.Scan begin(Optional<ContentScanner> scanner) {
    if (scanner.isEmpty()) {
      return NONE;
    }
    ContentScanner.Scan scan;
    try {
      scan = scanner.get().begin();
    } catch (ContentRejectedException | ScannerUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ScannerUnavailableException("content scan failed: the scanner could not start", e);
    }
    if (scan == null) {
      throw new ScannerUnavailableException("content scan failed: the scanner could not start");
    }
    return new FailClosed(scan);
  }

  /**
   * Ends a scan and refuses the content unless it is clean.
   *
   * @param scan the scan
   * @throws MalwareDetectedException if the scanner found something
   */
  public static void requireClean(ContentScanner.Scan scan) {
    ScanVerdict verdict = scan.finish();
    if (verdict == null) {
      throw new ScannerUnavailableException("content scan failed: the scanner gave no verdict");
    }
    if (!verdict.isClean()) {
      throw new MalwareDetectedException(verdict.threat().orElseThrow());
    }
  }

  private record FailClosed(ContentScanner.Scan scan) implements ContentScanner.Scan {
    @Override
    public void update(byte[] bytes, int offset, int length) {
      try {
        scan.update(bytes, offset, length);
      } catch (ContentRejectedException | ScannerUnavailableException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new ScannerUnavailableException("content scan failed: the scanner broke", e);
      }
    }

    @Override
    public ScanVerdict finish() {
      try {
        return scan.finish();
      } catch (ContentRejectedException | ScannerUnavailableException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new ScannerUnavailableException("content scan failed: the scanner broke", e);
      }
    }

    @Override
    public void close() {
      try {
        scan.close();
      } catch (RuntimeException e) {
        // The scan is being abandoned; its outcome no longer matters.
      }
    }
  }
}
