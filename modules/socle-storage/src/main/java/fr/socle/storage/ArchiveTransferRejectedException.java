package fr.socle.storage;

import fr.socle.core.SocleServiceException;

/**
 * The archiving service did not accept a transfer (its reply code is not an acceptance). The reply
 * was recorded in the journal ({@link JournalOperation#ARCHIVE_REJECTED}); nothing was destroyed.
 * {@link #errorCode()} holds the service's reply code, if it gave one.
 */
public class ArchiveTransferRejectedException extends SocleServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param messageIdentifier the transfer
   * @param replyCode the service's reply code, or null
   */
  public ArchiveTransferRejectedException(String messageIdentifier, String replyCode) {
    super("the archiving service did not accept transfer " + messageIdentifier, 0, replyCode, null);
  }
}
