package fr.socle.storage;

/** What a journal entry records. Every call on a {@link DocumentSafe} writes one entry. */
public enum JournalOperation {
  /** A document version was deposited. */
  DEPOSIT,
  /** A document was opened for reading. */
  READ,
  /** A document's metadata was read. */
  METADATA,
  /** A document's integrity was checked and found intact. */
  VERIFY,
  /** A document's integrity check failed. */
  VERIFY_FAILED,
  /** A document was destroyed (all versions, data keys included). */
  DESTROY,
  /** A destruction was refused because of retention or legal hold. */
  DESTROY_REFUSED,
  /** A container was listed. */
  LIST,
  /** A container's documents were counted. */
  COUNT,
  /** A legal hold was placed. */
  LEGAL_HOLD_SET,
  /** A legal hold was released. */
  LEGAL_HOLD_RELEASED,
  /** A retention date was extended. */
  RETENTION_EXTENDED,
  /** A document's data key was re-wrapped under the tenant's current key-encryption key. */
  KEY_REWRAPPED,
  /**
   * A version that was never journaled as deposited (a deposit interrupted by a crash) was removed
   * by the recovery that runs when a safe first touches a tenant.
   */
  DEPOSIT_ROLLED_BACK,
  /** A tenant's old key-encryption keys were retired after every live data key was re-wrapped. */
  KEYS_RETIRED,
  /**
   * A deposit was refused by the content scanner (malware, or too large to scan); nothing was
   * stored.
   */
  CONTENT_REFUSED,
  /**
   * A document was written into a SEDA transfer package (with its digest), or, with an empty
   * container, the transfer itself: {@code documentId} is then the SEDA message identifier and
   * {@code digest} the manifest's SHA-512.
   */
  ARCHIVE_TRANSFERRED,
  /**
   * The archiving service accepted a transfer: {@code documentId} is the transfer's message
   * identifier and {@code digest} the SHA-512 of the reply as received.
   */
  ARCHIVE_ACCEPTED,
  /** The archiving service rejected a transfer; fields as for {@link #ARCHIVE_ACCEPTED}. */
  ARCHIVE_REJECTED,
  /**
   * The journal's head was signed ({@link JournalSealer}): {@code version} is the sealed sequence
   * and {@code digest} the signature ({@code Ed25519:hex}).
   */
  JOURNAL_SEALED
}
