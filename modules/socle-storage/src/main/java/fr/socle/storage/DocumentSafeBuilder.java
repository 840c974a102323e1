package fr.socle.storage;

import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleClientException;
import fr.socle.storage.spi.ContentScanner;
import fr.socle.storage.spi.KeyEncryptionKeys;
import fr.socle.storage.spi.ObjectStore;
import fr.socle.storage.spi.RetentionMode;
import fr.socle.storage.spi.StoreCapabilities;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures a {@link DocumentSafe}; obtained from {@link DocumentSafe#builder()}. Not thread-safe;
 * {@link #build()} checks that the required settings are there and detects the store's
 * capabilities.
 *
 * <p>Objects given to the builder (the store, the key holder, the scanner, the listener) stay the
 * caller's: the safe never closes them.
 */
public final class DocumentSafeBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentSafe.class);

  ObjectStore store;
  KeyEncryptionKeys keys;
  Clock clock = Clock.systemUTC();
  DigestAlgorithm digestAlgorithm = DigestAlgorithm.SHA_256;
  RetentionMode retentionMode = RetentionMode.COMPLIANCE;
  boolean requireObjectLock;
  Duration recoveryGracePeriod = Duration.ofHours(1);
  boolean digestOnRead;
  ContentScanner contentScanner;
  SafeListener listener;

  DocumentSafeBuilder() {}

  /**
   * Observes deposits, reads, destructions and integrity failures, e.g. for metrics; default: none.
   * A read is reported when its stream reaches its verified end; {@code verify} is not a read. A
   * listener that throws is logged and ignored.
   *
   * @param listener the listener; not closed by the safe
   * @return this builder
   */
  public DocumentSafeBuilder listener(SafeListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Scans every deposit for malware while it streams, before it is published (for example with
   * {@link ClamdScanner}). Refused content raises {@link MalwareDetectedException} or {@link
   * ContentTooLargeToScanException}, an unavailable scanner {@link ScannerUnavailableException}; in
   * every case nothing is stored. Default: no scanning.
   *
   * @param scanner the scanner, or null for none; not closed by the safe
   * @return this builder
   */
  public DocumentSafeBuilder contentScanner(ContentScanner scanner) {
    this.contentScanner = scanner;
    return this;
  }

  /**
   * Re-hashes the plaintext on every read and compares it with the digest recorded at deposit, on
   * top of the AES-GCM authentication of every segment. Off by default: a plaintext that decrypts
   * under the version's own data key, which is bound to the recorded digest, is the one digested at
   * deposit; {@link DocumentSafe#verify} always re-hashes. Turn it on to check the digest
   * computation itself on every read, at the cost of a second pass over every byte.
   *
   * @param on true to hash on every read
   * @return this builder
   */
  public DocumentSafeBuilder digestOnRead(boolean on) {
    this.digestOnRead = on;
    return this;
  }

  /**
   * Sets how old an interrupted deposit must be before the recovery removes it. When a safe first
   * touches a tenant it rolls back the versions that were never journaled (a crash between the
   * envelope and the journal entry, or during the upload) and removes the folders left behind;
   * younger ones may be deposits still running in another process and are left alone (they are
   * invisible anyway: only journaled versions are read).
   *
   * @param age the minimum age (default 1 hour; zero when a single process uses the store)
   * @return this builder
   */
  public DocumentSafeBuilder recoveryGracePeriod(Duration age) {
    Objects.requireNonNull(age, "age");
    if (age.isNegative()) {
      throw new InvalidInputException("recoveryGracePeriod must not be negative");
    }
    this.recoveryGracePeriod = age;
    return this;
  }

  /**
   * Sets where documents are stored. Required.
   *
   * @param store the store; not closed by the safe (close it yourself, after the safe)
   * @return this builder
   */
  public DocumentSafeBuilder objectStore(ObjectStore store) {
    this.store = Objects.requireNonNull(store, "store");
    return this;
  }

  /**
   * Sets who holds the tenants' key-encryption keys. Required.
   *
   * @param keys the key holder; not closed by the safe
   * @return this builder
   */
  public DocumentSafeBuilder keyEncryptionKeys(KeyEncryptionKeys keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
    return this;
  }

  /**
   * Sets the clock used for deposit instants, retention checks and the journal.
   *
   * @param clock the clock (default UTC system clock)
   * @return this builder
   */
  public DocumentSafeBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Sets the digest algorithm of new deposits.
   *
   * @param digestAlgorithm SHA-256 (default) or SHA-512
   * @return this builder
   */
  public DocumentSafeBuilder digestAlgorithm(DigestAlgorithm digestAlgorithm) {
    this.digestAlgorithm = Objects.requireNonNull(digestAlgorithm, "digestAlgorithm");
    return this;
  }

  /**
   * Sets the object-lock mode used for retention dates when the store supports object lock.
   *
   * @param retentionMode COMPLIANCE (default: legal durations) or GOVERNANCE
   * @return this builder
   */
  public DocumentSafeBuilder retentionMode(RetentionMode retentionMode) {
    this.retentionMode = Objects.requireNonNull(retentionMode, "retentionMode");
    return this;
  }

  /**
   * Refuses to build unless the store enforces object lock itself.
   *
   * @param required true to require object lock
   * @return this builder
   */
  public DocumentSafeBuilder requireObjectLock(boolean required) {
    this.requireObjectLock = required;
    return this;
  }

  /**
   * Builds the safe, detecting the store's capabilities.
   *
   * @return the safe
   * @throws InvalidInputException if the object store or the key-encryption keys are missing
   * @throws SocleClientException if object lock is required and not available
   */
  public DocumentSafe build() {
    if (store == null) {
      throw new InvalidInputException("objectStore is required: call objectStore(...)");
    }
    if (keys == null) {
      throw new InvalidInputException("keyEncryptionKeys is required: call keyEncryptionKeys(...)");
    }
    StoreCapabilities capabilities = store.capabilities();
    if (requireObjectLock && !capabilities.objectLock()) {
      throw new SocleClientException(
          "object lock is required but the store does not enforce it: "
              + capabilities.description());
    }
    LOG.debug(
        "document safe on {} (object lock {})",
        capabilities.description(),
        capabilities.objectLock() ? "enforced" : "not available");
    return new DocumentSafe(this, capabilities.objectLock());
  }
}
