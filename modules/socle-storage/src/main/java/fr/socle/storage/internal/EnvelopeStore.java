package fr.socle.storage.internal;

import fr.socle.core.SocleClientException;
import fr.socle.core.json.Json;
import fr.socle.storage.DocumentMetadata;
import fr.socle.storage.DocumentRef;
import fr.socle.storage.IntegrityViolationException;
import fr.socle.storage.spi.KeyEncryptionKeys;
import fr.socle.storage.spi.ObjectExistsException;
import fr.socle.storage.spi.ObjectNotFoundException;
import fr.socle.storage.spi.ObjectStore;
import fr.socle.storage.spi.WrappedKey;
import fr.socle.storage.spi.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads and writes the envelopes (metadata and wrapped data key of one version) in the store:
 * wrapping under the tenant's current key-encryption key, the canonical encoding, the read-back of
 * a new envelope, and the authentication of a stored one against the journal. The format and the
 * associated data are {@link Envelopes}'s.
 *
 * <p>Thread-safe.
 */
public final class EnvelopeStore {
  private static final int MAX_ENVELOPE_BYTES = 64 * 1024;

  private final ObjectStore store;
  private final KeyEncryptionKeys keys;
  private final Json json;

  /**
   * Creates the envelope store.
   *
   * @param store the object store
   * @param keys the key-encryption keys
   * @param json the JSON facade
   */
  public EnvelopeStore(ObjectStore store, KeyEncryptionKeys keys, Json json) {
    this.store = store;
    this.keys = keys;
    this.json = json;
  }

  /**
   * Wraps a data key with associated data that names the key-encryption key, so the key id stored
   * in the envelope is authenticated like every other field, and encodes the envelope.
   *
   * @param m the metadata
   * @param attempt the deposit attempt
   * @param dataKey the serialized data key; not wiped here
   * @return the envelope's bytes
   */
  public byte[] seal(DocumentMetadata m, String attempt, byte[] dataKey) {
    String tenant = m.ref().tenant();
    for (int tries = 0; tries < 3; tries++) {
      String kekId = keys.currentKeyId(tenant);
      WrappedKey wrapped = keys.wrap(tenant, dataKey, Envelopes.keyAad(m, attempt, kekId));
      if (wrapped.kekId().equals(kekId)) {
        return encode(Envelopes.toStored(m, attempt, wrapped));
      }
      // The key was rotated between the two calls: wrap again under the new one.
    }
    throw new SocleClientException("the key-encryption key keeps changing; cannot wrap");
  }

  /**
   * Writes a new envelope once and reads it back: on a store whose conditional create is not atomic
   * two writers can both "succeed", and only the one whose bytes are stored owns the version.
   *
   * @param ref the document
   * @param version the version
   * @param bytes the envelope
   * @throws ObjectExistsException if another writer owns the version
   */
  public void create(DocumentRef ref, long version, byte[] bytes) {
    String key = Layout.envelope(ref, version);
    store.put(key, bytes, WriteOptions.writeOnce());
    byte[] stored;
    try (InputStream in = store.get(key)) {
      stored = in.readNBytes(MAX_ENVELOPE_BYTES + 1);
    } catch (IOException | ObjectNotFoundException e) {
      throw new SocleClientException("deposit failed: the envelope cannot be read back", e);
    }
    if (!Arrays.equals(stored, bytes)) {
      throw new ObjectExistsException(
          "deposit failed: another process deposited the same version concurrently");
    }
  }

  /**
   * Rewrites a version's envelope with new metadata (protection) or under the current key, then
   * zeroes the holder's data key.
   *
   * @param loaded the version, closed by this call
   * @param updated the metadata to store
   */
  public void rewrite(LoadedVersion loaded, DocumentMetadata updated) {
    try {
      byte[] bytes = seal(updated, loaded.attempt(), loaded.dataKey());
      store.put(Layout.envelope(updated.ref(), updated.version()), bytes, WriteOptions.replace());
    } finally {
      loaded.close();
    }
  }

  /**
   * Loads and authenticates one version and checks it against the journal: the digest always, the
   * protection (retention date, legal hold) unless {@code checkProtection} is false (only for the
   * calls that rewrite the protection, so that re-running them repairs an interrupted call).
   *
   * @param ref the document
   * @param version the version
   * @param journaled what the journal says about the version
   * @param checkProtection whether retention and legal hold must agree with the journal
   * @return the version with its data key; close it
   * @throws IntegrityViolationException if the envelope is missing, malformed, does not
   *     authenticate or disagrees with the journal
   */
  public LoadedVersion load(
      DocumentRef ref, long version, Journal.VersionState journaled, boolean checkProtection) {
    StoredEnvelope e;
    try {
      e = read(Layout.envelope(ref, version));
    } catch (ObjectNotFoundException gone) {
      throw new IntegrityViolationException(
          "version "
              + version
              + " of document "
              + Envelopes.describe(ref)
              + " is in the journal but missing from the store");
    }
    DocumentMetadata m = Envelopes.metadata(e, ref, version);
    WrappedKey wrapped = Envelopes.wrappedKey(e);
    byte[] dataKey =
        keys.unwrap(ref.tenant(), wrapped, Envelopes.keyAad(m, e.attempt(), wrapped.kekId()));
    boolean agrees =
        Envelopes.journalDigest(m).equals(journaled.digest())
            && (!checkProtection
                || (m.retainUntil().equals(journaled.retainUntil())
                    && m.legalHold() == journaled.legalHold()));
    if (!agrees) {
      Arrays.fill(dataKey, (byte) 0);
      throw new IntegrityViolationException(
          "version "
              + version
              + " of document "
              + Envelopes.describe(ref)
              + " does not match the journal (an envelope was restored or edited)");
    }
    return new LoadedVersion(m, dataKey, e.attempt(), wrapped.kekId());
  }

  private StoredEnvelope read(String key) {
    try (InputStream in = store.get(key)) {
      byte[] bytes = in.readNBytes(MAX_ENVELOPE_BYTES + 1);
      if (bytes.length > MAX_ENVELOPE_BYTES) {
        throw new IntegrityViolationException("document envelope is too large");
      }
      StoredEnvelope e = json.read(bytes, StoredEnvelope.class);
      // Only the canonical encoding is accepted, so no byte of an envelope is outside the
      // authentication: an unknown or misspelt property (silently ignored by the parser, leaving a
      // default value) or any other re-encoding is refused.
      if (e == null
          || e.tenant() == null
          || e.container() == null
          || e.id() == null
          || !Arrays.equals(json.write(e), bytes)) {
        throw new IntegrityViolationException("document envelope is malformed");
      }
      return e;
    } catch (IOException ex) {
      throw new SocleClientException("cannot read a document envelope", ex);
    } catch (ObjectNotFoundException | IntegrityViolationException ex) {
      throw ex;
    } catch (RuntimeException ex) {
      throw new IntegrityViolationException("document envelope is malformed");
    }
  }

  /**
   * Serializes an envelope and checks that it reads back identically before it is stored: an
   * envelope that cannot be read back would make the document unrecoverable. (A JSON-B runtime
   * without record support, e.g. Yasson in a jar lacking {@code Multi-Release: true}, writes {}.)
   */
  private byte[] encode(StoredEnvelope e) {
    byte[] bytes = json.write(e);
    StoredEnvelope back;
    try {
      back = json.read(bytes, StoredEnvelope.class);
    } catch (RuntimeException x) {
      back = null;
    }
    if (!e.equals(back)) {
      throw new SocleClientException(
          "the JSON runtime cannot round-trip the document envelope; refusing to store it");
    }
    return bytes;
  }
}
