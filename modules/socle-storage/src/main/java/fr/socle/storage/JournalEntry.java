package fr.socle.storage;

import fr.socle.core.InvalidInputException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a tenant's journal (NF Z42-020 "journal"): who did what, when, on which document,
 * with the document digest where one applies, and the protection (retention date, legal hold) the
 * operation left on the document: the safe replays the journal to check that no envelope was rolled
 * back to a weaker protection. Entries are chained: {@code hash} covers every field and {@code
 * previousHash}, so altering, removing or reordering an entry breaks the chain and {@link
 * DocumentSafe#verifyJournal(String)} names the first broken entry.
 *
 * @param sequence position in the tenant's journal, from 1
 * @param instant when the operation happened
 * @param actor who called
 * @param operation what was done
 * @param container the container, or empty for tenant-wide operations
 * @param documentId the document, or empty
 * @param version the document version, or 0
 * @param digest {@code algorithm:hex} digest of the document, or empty
 * @param retainUntil the version's retention date after the operation, for {@code DEPOSIT} and
 *     {@code RETENTION_EXTENDED} (and the protection changes that keep it); empty otherwise
 * @param legalHold the version's legal hold after the operation, for {@code DEPOSIT} and the legal
 *     hold operations; false otherwise
 * @param previousHash hash of the previous entry (64 zeros for the first)
 * @param hash SHA-256 of this entry's fields and {@code previousHash}, lowercase hexadecimal
 */
public record JournalEntry(
    long sequence,
    Instant instant,
    String actor,
    JournalOperation operation,
    String container,
    String documentId,
    long version,
    String digest,
    Optional<Instant> retainUntil,
    boolean legalHold,
    String previousHash,
    String hash) {

  /**
   * Validates the fields.
   *
   * @param sequence position in the tenant's journal, from 1
   * @param instant when the operation happened
   * @param actor who called
   * @param operation what was done
   * @param container the container, or empty for tenant-wide operations
   * @param documentId the document, or empty
   * @param version the document version, or 0
   * @param digest {@code algorithm:hex} digest of the document, or empty
   * @param previousHash hash of the previous entry (64 zeros for the first)
   * @param hash SHA-256 of this entry's fields and {@code previousHash}, lowercase hexadecimal
   * @param retainUntil the version's retention date after the operation, for {@code DEPOSIT} and
   *     {@code RETENTION_EXTENDED} (and the protection changes that keep it); empty otherwise
   * @param legalHold the version's legal hold after the operation, for {@code DEPOSIT} and the
   *     legal hold operations; false otherwise
   */
  public JournalEntry {
    if (sequence < 1) {
      throw new InvalidInputException("sequence must be >= 1");
    }
    Objects.requireNonNull(instant, "instant");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(retainUntil, "retainUntil");
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(hash, "hash");
  }
}
