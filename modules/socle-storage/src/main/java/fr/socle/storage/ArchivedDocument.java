package fr.socle.storage;

import fr.socle.core.InvalidInputException;
import java.util.Objects;

/**
 * One document as it was written into a SIP: the exact version, its digest as checked while it
 * streamed, and where it sits in the package.
 *
 * @param ref the document
 * @param version the version transferred
 * @param size plaintext size in bytes
 * @param digestAlgorithm the algorithm of {@code digest}
 * @param digest lowercase hexadecimal digest, recomputed during the export and equal to the safe's
 *     record
 * @param dataObjectId the {@code BinaryDataObject/@id} in the manifest
 * @param uri the entry's path in the SIP, under {@code content/}
 */
public record ArchivedDocument(
    DocumentRef ref,
    long version,
    long size,
    DigestAlgorithm digestAlgorithm,
    String digest,
    String dataObjectId,
    String uri) {

  /**
   * Validates the fields.
   *
   * @param ref the document
   * @param version the version transferred
   * @param size plaintext size in bytes
   * @param digestAlgorithm the algorithm of {@code digest}
   * @param digest lowercase hexadecimal digest, recomputed during the export and equal to the
   *     safe's record
   * @param dataObjectId the {@code BinaryDataObject/@id} in the manifest
   * @param uri the entry's path in the SIP, under {@code content/}
   */
  public ArchivedDocument {
    Objects.requireNonNull(ref, "ref");
    if (version < 1 || size < 0) {
      throw new InvalidInputException("version must be >= 1 and size >= 0");
    }
    Objects.requireNonNull(digestAlgorithm, "digestAlgorithm");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(dataObjectId, "dataObjectId");
    Objects.requireNonNull(uri, "uri");
  }
}
