package fr.socle.storage;

/**
 * A document being deposited is larger than what the content scanner inspects, so it was refused
 * rather than stored unscanned. ClamAV, for one, answers "OK" without scanning a file larger than
 * its {@code MaxFileSize}; Socle refuses such documents instead.
 */
public class ContentTooLargeToScanException extends ContentRejectedException {
  private static final long serialVersionUID = 1L;

  /** The largest size the scanner inspects, in bytes, or 0 if the scanner did not say. */
  private final long limit;

  /**
   * Creates the exception.
   *
   * @param limit the largest size the scanner inspects, in bytes, or 0 if the scanner did not say
   */
  public ContentTooLargeToScanException(long limit) {
    super(
        limit > 0
            ? "the document was refused: it is larger than the "
                + limit
                + " bytes the content scanner inspects"
            : "the document was refused: the content scanner reported it exceeds its size limit");
    this.limit = limit;
  }

  /**
   * Returns the largest size the scanner inspects.
   *
   * @return the limit in bytes, or 0 if unknown
   */
  public long limit() {
    return limit;
  }
}
