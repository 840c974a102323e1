package fr.socle.storage.spi;

/**
 * Scans a document's content for malware while it is deposited, before the version is published.
 * The safe calls {@link #begin()} once per deposit, feeds every plaintext byte to {@link
 * Scan#update} as it streams, and asks for the verdict with {@link Scan#finish()} before committing
 * anything: a document is stored only if the verdict is {@link ScanVerdict#clean() clean}.
 *
 * <p>Implementations fail closed. {@link Scan#update} and {@link Scan#finish()} throw {@link
 * fr.socle.storage.ContentTooLargeToScanException} when the content exceeds what the scanner can
 * actually inspect (a scanner that would answer "clean" without reading the whole document must
 * refuse instead), and {@link fr.socle.storage.ScannerUnavailableException} when no verdict can be
 * obtained (unreachable, timed out, unintelligible answer). The safe treats any other exception the
 * same way as an unavailable scanner: the deposit is refused.
 *
 * <p>Implementations must be thread-safe: the safe runs concurrent deposits, each with its own
 * {@link Scan}. A {@link Scan} is used by one thread.
 *
 * @see fr.socle.storage.ClamdScanner
 */
public interface ContentScanner {

  /**
   * Starts scanning one document.
   *
   * @return the scan, which the caller closes
   * @throws fr.socle.storage.ScannerUnavailableException if the scanner cannot be reached
   */
  Scan begin();

  /** One document being scanned. Not thread-safe. */
  interface Scan extends AutoCloseable {

    /**
     * Feeds the next bytes of the document.
     *
     * @param bytes the buffer
     * @param offset where the bytes start
     * @param length how many bytes
     * @throws fr.socle.storage.ContentTooLargeToScanException if the document grew past what the
     *     scanner inspects
     * @throws fr.socle.storage.ScannerUnavailableException if the scanner stopped answering
     */
    void update(byte[] bytes, int offset, int length);

    /**
     * Ends the document and returns the verdict. Called once, after the last {@link #update}.
     *
     * @return the verdict, never null
     * @throws fr.socle.storage.ContentTooLargeToScanException if the scanner refused the document
     *     for its size
     * @throws fr.socle.storage.ScannerUnavailableException if no verdict could be obtained
     */
    ScanVerdict finish();

    /** Releases the scan's resources; abandons the scan if it did not finish. Idempotent. */
    @Override
    void close();
  }
}
