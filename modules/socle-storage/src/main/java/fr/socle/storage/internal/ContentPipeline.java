package fr.socle.storage.internal;

import com.google.crypto.tink.StreamingAead;
import fr.socle.core.SocleClientException;
import fr.socle.storage.DepositRequest;
import fr.socle.storage.DigestAlgorithm;
import fr.socle.storage.DocumentMetadata;
import fr.socle.storage.DocumentRef;
import fr.socle.storage.IntegrityViolationException;
import fr.socle.storage.spi.ContentScanner;
import fr.socle.storage.spi.ObjectNotFoundException;
import fr.socle.storage.spi.ObjectStore;
import fr.socle.storage.spi.ObjectWriter;
import fr.socle.storage.spi.RetentionMode;
import fr.socle.storage.spi.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

/**
 * The content side of the safe: on deposit, one pass that digests, scans and encrypts the plaintext
 * into the store under a fresh data key, then seals the envelope; on read, the decrypting and
 * verifying stream. Memory use does not depend on the document's size.
 *
 * <p>Thread-safe.
 */
public final class ContentPipeline {

  private final ObjectStore store;
  private final EnvelopeStore envelopes;
  private final Optional<ContentScanner> contentScanner;
  private final DigestAlgorithm digestAlgorithm;
  private final boolean objectLock;
  private final RetentionMode retentionMode;
  private final Clock clock;

  /**
   * What a deposit wrote: the new version's metadata and its sealed envelope, not stored yet.
   *
   * @param metadata the metadata
   * @param envelope the envelope's bytes
   */
  public record Written(DocumentMetadata metadata, byte[] envelope) {}

  /**
   * Creates the pipeline.
   *
   * @param store the object store
   * @param envelopes seals the envelopes
   * @param contentScanner the scanner, if any
   * @param digestAlgorithm the digest of new deposits
   * @param objectLock whether the store enforces object lock
   * @param retentionMode the object-lock mode
   * @param clock the clock of deposit instants
   */
  public ContentPipeline(
      ObjectStore store,
      EnvelopeStore envelopes,
      Optional<ContentScanner> contentScanner,
      DigestAlgorithm digestAlgorithm,
      boolean objectLock,
      RetentionMode retentionMode,
      Clock clock) {
    this.store = store;
    this.envelopes = envelopes;
    this.contentScanner = contentScanner;
    this.digestAlgorithm = digestAlgorithm;
    this.objectLock = objectLock;
    this.retentionMode = retentionMode;
    this.clock = clock;
  }

  /**
   * Streams a deposit's content through the digest, the scanner and the encryption into the
   * attempt's ciphertext object, commits it once the scanner's verdict is clean, and seals the
   * envelope.
   *
   * @param request the deposit
   * @param version the reserved version
   * @param attempt the attempt id (names the ciphertext object)
   * @param content the plaintext; read to the end, not closed
   * @return the metadata and the envelope to store
   */
  public Written write(DepositRequest request, long version, String attempt, InputStream content) {
    DocumentRef ref = request.ref();
    DocumentCrypto.DataKey dataKey = DocumentCrypto.newDataKey();
    try {
      WriteOptions contentOptions =
          objectLock
              ? new WriteOptions(true, request.retainUntil(), retentionMode, request.legalHold())
              : WriteOptions.writeOnce();
      long size = 0;
      try (ContentScanner.Scan scan = Scanning.begin(contentScanner);
          PipelinedDigest md = new PipelinedDigest(Hashing.digest(digestAlgorithm.jcaName()));
          ObjectWriter writer =
              store.openWriter(Layout.content(ref, version, attempt), contentOptions)) {
        try (OutputStream enc =
            dataKey
                .aead()
                .newEncryptingStream(
                    new NonClosingOutputStream(writer), Envelopes.contentAad(ref, version))) {
          size = ContentPump.pump(content, md, scan, enc);
        }
        String digest = Hashing.hex(md.digest());
        if (request.expectedDigest().isPresent()
            && !MessageDigest.isEqual(
                digest.getBytes(), request.expectedDigest().get().getBytes())) {
          throw new IntegrityViolationException(
              "deposited content does not match the expected digest");
        }
        // The verdict comes before the commit: refused content is never published, and no
        // envelope (hence no visible version) is written for it.
        Scanning.requireClean(scan);
        writer.commit();
        DocumentMetadata metadata =
            new DocumentMetadata(
                ref,
                version,
                size,
                digestAlgorithm,
                digest,
                request.depositor(),
                clock.instant(),
                request.contentType(),
                request.originalFilename(),
                request.retainUntil(),
                request.legalHold());
        return new Written(metadata, envelopes.seal(metadata, attempt, dataKey.serialized()));
      } catch (IOException | GeneralSecurityException e) {
        throw new SocleClientException("deposit failed: the document could not be stored", e);
      }
    } finally {
      Arrays.fill(dataKey.serialized(), (byte) 0);
    }
  }

  /**
   * Opens the plaintext of a version and zeroes the holder's data key. Reads do not re-hash the
   * plaintext unless asked to: every 1 MiB segment is authenticated by AES-GCM under a data key
   * that exists for this version only and is bound to its metadata (digest included), and the
   * last-segment flag and the size check catch truncation, so a plaintext that decrypts is the one
   * digested at deposit. Hashing it again would cost a second pass over every byte (half the
   * throughput of a warm read on two cores) for no additional guarantee. Verification (NF Z42-020
   * "contrôler") always re-hashes.
   *
   * @param loaded the version, closed by this call
   * @param hash whether to re-hash the plaintext and compare it with the recorded digest
   * @return the plaintext stream, which throws {@link IntegrityViolationException} on tampering
   */
  public InputStream open(LoadedVersion loaded, boolean hash) {
    DocumentMetadata m = loaded.metadata();
    StreamingAead aead;
    try {
      aead = DocumentCrypto.open(loaded.dataKey());
    } finally {
      loaded.close();
    }
    InputStream ciphertext;
    try {
      ciphertext = store.get(Layout.content(m.ref(), m.version(), loaded.attempt()));
    } catch (ObjectNotFoundException e) {
      throw new IntegrityViolationException(
          "ciphertext of document " + Envelopes.describe(m.ref()) + " is missing");
    }
    return VerifyingInputStream.open(
        aead,
        ciphertext,
        Envelopes.contentAad(m.ref(), m.version()),
        hash ? Hashing.digest(m.digestAlgorithm().jcaName()) : null,
        m.size(),
        m.digest(),
        "document " + Envelopes.describe(m.ref()));
  }
}
