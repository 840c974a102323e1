package fr.socle.storage;

import fr.socle.core.InvalidInputException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The technical metadata of one version of a document (NF Z42-020 "métadonnées techniques"), fixed
 * at deposit. Only the retention date (extended, never shortened) and the legal hold change
 * afterwards, and each change is journaled. The metadata is authenticated: it is bound to the
 * wrapped data key, so a record altered in the backend is refused with {@link
 * IntegrityViolationException}.
 *
 * @param ref the document
 * @param version the version, from 1
 * @param size plaintext size in bytes
 * @param digestAlgorithm algorithm of {@code digest}
 * @param digest lowercase hexadecimal digest of the plaintext
 * @param depositor who deposited this version
 * @param depositedAt when the deposit was committed
 * @param contentType the declared media type, for example {@code application/pdf}
 * @param originalFilename the declared original filename, if any
 * @param retainUntil the document cannot be destroyed before this instant, if set
 * @param legalHold whether a legal hold forbids destruction whatever the date
 */
public record DocumentMetadata(
    DocumentRef ref,
    long version,
    long size,
    DigestAlgorithm digestAlgorithm,
    String digest,
    String depositor,
    Instant depositedAt,
    String contentType,
    Optional<String> originalFilename,
    Optional<Instant> retainUntil,
    boolean legalHold) {

  /**
   * Validates the fields.
   *
   * @param ref the document
   * @param version the version, from 1
   * @param size plaintext size in bytes
   * @param digestAlgorithm algorithm of {@code digest}
   * @param digest lowercase hexadecimal digest of the plaintext
   * @param depositor who deposited this version
   * @param depositedAt when the deposit was committed
   * @param contentType the declared media type, for example {@code application/pdf}
   * @param originalFilename the declared original filename, if any
   * @param retainUntil the document cannot be destroyed before this instant, if set
   * @param legalHold whether a legal hold forbids destruction whatever the date
   */
  public DocumentMetadata {
    Objects.requireNonNull(ref, "ref");
    if (version < 1) {
      throw new InvalidInputException("version must be >= 1");
    }
    if (size < 0) {
      throw new InvalidInputException("size must be >= 0");
    }
    Objects.requireNonNull(digestAlgorithm, "digestAlgorithm");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(depositor, "depositor");
    Objects.requireNonNull(depositedAt, "depositedAt");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(originalFilename, "originalFilename");
    Objects.requireNonNull(retainUntil, "retainUntil");
  }

  /**
   * Tells whether destruction is forbidden at the given instant.
   *
   * @param now the current instant
   * @return true under legal hold or before the retention date
   */
  public boolean lockedAt(Instant now) {
    return legalHold || retainUntil.map(now::isBefore).orElse(false);
  }

  /** Names the version without personal data: the depositor and the filename are redacted. */
  @Override
  public String toString() {
    return "DocumentMetadata[ref="
        + ref
        + ", version="
        + version
        + ", size="
        + size
        + ", digest="
        + digestAlgorithm.jcaName()
        + ":"
        + digest
        + ", depositor=***, depositedAt="
        + depositedAt
        + ", contentType="
        + contentType
        + ", originalFilename="
        + (originalFilename.isPresent() ? "***" : "none")
        + ", retainUntil="
        + retainUntil.map(Instant::toString).orElse("none")
        + ", legalHold="
        + legalHold
        + "]";
  }
}
