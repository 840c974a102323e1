package fr.socle.storage.internal;

import fr.socle.storage.DigestAlgorithm;
import fr.socle.storage.DocumentMetadata;
import fr.socle.storage.DocumentRef;
import fr.socle.storage.IntegrityViolationException;
import fr.socle.storage.spi.WrappedKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Converts between metadata and envelopes and computes the associated data that binds them.
 *
 * <p>The content's associated data binds tenant, container, identifier and version: a ciphertext
 * moved to another document or version no longer decrypts. The data key's associated data binds
 * every other field of the envelope: the format, the same names, the attempt id (which ciphertext
 * object), the key-encryption key id, and a digest of every metadata field, so any edit of the
 * stored envelope (a shortened retention, a different digest, another key id) makes the key
 * impossible to unwrap. The only field outside the associated data is the wrapped key itself.
 *
 * <p>Format 2 (attempt id and key id authenticated) replaced format 1 before any release; format 1
 * envelopes are refused.
 */
public final class Envelopes {
  /** Current envelope format. */
  public static final int FORMAT = 2;

  private static final java.util.regex.Pattern ATTEMPT =
      java.util.regex.Pattern.compile("[0-9a-f]{32}");

  private Envelopes() {}

  /**
   * Associated data of a version's ciphertext.
   *
   * @param ref the document
   * @param version the version
   * @return the bytes
   */
  public static byte[] contentAad(DocumentRef ref, long version) {
    return Hashing.canonical(
        "socle-storage/content/v1",
        ref.tenant(),
        ref.container(),
        ref.id(),
        Long.toString(version));
  }

  /**
   * A fresh attempt id.
   *
   * @return 32 lowercase hexadecimal digits
   */
  public static String newAttempt() {
    return java.util.UUID.randomUUID().toString().replace("-", "");
  }

  /**
   * Associated data of a version's wrapped data key.
   *
   * @param m the metadata
   * @param attempt the attempt id
   * @param kekId the id of the key-encryption key that wraps it
   * @return the bytes
   */
  public static byte[] keyAad(DocumentMetadata m, String attempt, String kekId) {
    byte[] metadataDigest =
        Hashing.sha256(
            Hashing.canonical(
                Long.toString(m.size()),
                m.digestAlgorithm().jcaName(),
                m.digest(),
                m.depositor(),
                m.depositedAt().toString(),
                m.contentType(),
                m.originalFilename().orElse(null),
                m.retainUntil().map(Instant::toString).orElse(null),
                Boolean.toString(m.legalHold())));
    return Hashing.canonical(
        "socle-storage/key/v" + FORMAT,
        m.ref().tenant(),
        m.ref().container(),
        m.ref().id(),
        Long.toString(m.version()),
        attempt,
        kekId,
        Hashing.hex(metadataDigest));
  }

  /**
   * Builds the stored form.
   *
   * @param m the metadata
   * @param attempt the attempt id
   * @param key the wrapped key
   * @return the envelope
   */
  public static StoredEnvelope toStored(DocumentMetadata m, String attempt, WrappedKey key) {
    return new StoredEnvelope(
        FORMAT,
        m.ref().tenant(),
        m.ref().container(),
        m.ref().id(),
        m.version(),
        m.size(),
        m.digestAlgorithm().jcaName(),
        m.digest(),
        m.depositor(),
        m.depositedAt().toString(),
        m.contentType(),
        m.originalFilename().orElse(null),
        m.retainUntil().map(Instant::toString).orElse(null),
        m.legalHold(),
        attempt,
        key.kekId(),
        key.ciphertextBase64());
  }

  /**
   * Reads the metadata out of a stored envelope, checking that it belongs where it was found.
   *
   * @param e the envelope
   * @param expected the document it was read for
   * @param expectedVersion the version it was read for
   * @return the (not yet authenticated) metadata
   * @throws IntegrityViolationException if malformed or misplaced
   */
  public static DocumentMetadata metadata(
      StoredEnvelope e, DocumentRef expected, long expectedVersion) {
    try {
      DocumentRef ref = new DocumentRef(e.tenant(), e.container(), e.id());
      if (e.format() != FORMAT
          || !ref.equals(expected)
          || e.version() != expectedVersion
          || e.attempt() == null
          || !ATTEMPT.matcher(e.attempt()).matches()) {
        throw broken(expected, expectedVersion);
      }
      return new DocumentMetadata(
          ref,
          e.version(),
          e.size(),
          DigestAlgorithm.fromJcaName(e.digestAlgorithm()),
          e.digest(),
          e.depositor(),
          Instant.parse(e.depositedAt()),
          e.contentType(),
          Optional.ofNullable(e.originalFilename()),
          Optional.ofNullable(e.retainUntil()).map(Instant::parse),
          e.legalHold());
    } catch (IntegrityViolationException x) {
      throw x;
    } catch (RuntimeException x) {
      throw broken(expected, expectedVersion);
    }
  }

  /**
   * Reads the wrapped key out of a stored envelope.
   *
   * @param e the envelope
   * @return the wrapped key
   */
  public static WrappedKey wrappedKey(StoredEnvelope e) {
    if (e.kekId() == null || e.wrappedKey() == null) {
      throw new IntegrityViolationException("document envelope is malformed");
    }
    try {
      byte[] ciphertext = Base64.getDecoder().decode(e.wrappedKey());
      // Only the canonical encoding is accepted: the decoder ignores the unused low bits of the
      // last character, which would let an edit of the envelope go unnoticed.
      if (!Base64.getEncoder().encodeToString(ciphertext).equals(e.wrappedKey())) {
        throw new IntegrityViolationException("document envelope is malformed");
      }
      return new WrappedKey(e.kekId(), ciphertext);
    } catch (IllegalArgumentException x) {
      throw new IntegrityViolationException("document envelope is malformed");
    }
  }

  private static IntegrityViolationException broken(DocumentRef ref, long version) {
    return new IntegrityViolationException(
        "metadata of document " + describe(ref) + " version " + version + " cannot be trusted");
  }

  /**
   * Describes a document for messages and logs without personal data beyond its identifiers.
   *
   * @param ref the document
   * @return {@code tenant/container/id}
   */
  public static String describe(DocumentRef ref) {
    return ref.tenant() + "/" + ref.container() + "/" + ref.id();
  }

  /**
   * The digest of a version as the journal records it, {@code algorithm:hex}.
   *
   * @param m the metadata
   * @return the journal's form of the digest
   */
  public static String journalDigest(DocumentMetadata m) {
    return m.digestAlgorithm().jcaName() + ":" + m.digest();
  }
}
