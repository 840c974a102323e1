package fr.socle.storage.internal;

import fr.socle.storage.DocumentMetadata;
import fr.socle.storage.DocumentRef;
import fr.socle.storage.IntegrityViolationException;
import fr.socle.storage.JournalOperation;
import fr.socle.storage.RetentionLockedException;
import fr.socle.storage.spi.ObjectLockedException;
import fr.socle.storage.spi.ObjectStore;
import fr.socle.storage.spi.RetentionMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Retention dates, legal holds and destruction. The protection of a version is recorded in the
 * journal as well as in its envelope; destruction trusts only an envelope that agrees with the
 * journal, so an envelope restored from before a hold or an extension is an integrity violation,
 * never a permission to destroy. Destruction deletes the ciphertexts, then the envelopes (the only
 * wrapped copy of each data key: crypto-shredding). Data keys are unwrapped only to authenticate
 * the envelopes and zeroed at once.
 *
 * <p>Thread-safe; changes to one document are serialised.
 */
public final class Retention {
  private final ObjectStore store;
  private final Journal journal;
  private final Versions versions;
  private final EnvelopeStore envelopes;
  private final DocumentLocks locks;
  private final Clock clock;
  private final boolean objectLock;
  private final RetentionMode retentionMode;

  /**
   * Creates the component.
   *
   * @param store the object store
   * @param journal the journal
   * @param versions the journal's view of the versions
   * @param envelopes the envelope store
   * @param locks the per-document locks
   * @param clock the clock of retention checks
   * @param objectLock whether the store enforces object lock
   * @param retentionMode the object-lock mode
   */
  public Retention(
      ObjectStore store,
      Journal journal,
      Versions versions,
      EnvelopeStore envelopes,
      DocumentLocks locks,
      Clock clock,
      boolean objectLock,
      RetentionMode retentionMode) {
    this.store = store;
    this.journal = journal;
    this.versions = versions;
    this.envelopes = envelopes;
    this.locks = locks;
    this.clock = clock;
    this.objectLock = objectLock;
    this.retentionMode = retentionMode;
  }

  /**
   * Destroys every version of a document, or refuses (and journals the refusal).
   *
   * @param ref the document
   * @param actor who destroys
   */
  public void destroy(DocumentRef ref, String actor) {
    ReentrantLock mutex = locks.mutex(ref);
    mutex.lock();
    try {
      TreeMap<Long, Journal.VersionState> live = versions.live(ref);
      if (!journal.replayedIntact(ref.tenant())) {
        // A broken journal may hide a legal hold or a retention extension: fail closed.
        throw new IntegrityViolationException(
            "the journal of tenant "
                + ref.tenant()
                + " does not authenticate; destruction refused");
      }
      Instant now = clock.instant();
      List<LoadedVersion> all = new ArrayList<>();
      for (Map.Entry<Long, Journal.VersionState> v : live.entrySet()) {
        LoadedVersion loaded = versions.load(ref, v.getKey(), v.getValue(), true);
        loaded.close();
        all.add(loaded);
      }
      DocumentMetadata latest = all.get(all.size() - 1).metadata();
      for (LoadedVersion l : all) {
        DocumentMetadata m = l.metadata();
        if (m.lockedAt(now)) {
          versions.journalOn(ref, actor, JournalOperation.DESTROY_REFUSED, m);
          throw new RetentionLockedException(
              "document "
                  + Envelopes.describe(ref)
                  + (m.legalHold() ? " is under legal hold" : " is under retention"));
        }
      }
      ReentrantReadWriteLock.WriteLock commit = locks.commit(ref).writeLock();
      commit.lock();
      try {
        try {
          for (LoadedVersion l : all) {
            store.delete(Layout.content(ref, l.metadata().version(), l.attempt()));
          }
        } catch (ObjectLockedException e) {
          versions.journalOn(ref, actor, JournalOperation.DESTROY_REFUSED, latest);
          throw new RetentionLockedException(
              "the store refuses to delete document " + Envelopes.describe(ref) + " (object lock)");
        }
        for (LoadedVersion l : all) {
          // The wrapped data key goes last: without it no copy of the ciphertext can be decrypted.
          store.delete(Layout.envelope(ref, l.metadata().version()));
          store.delete(Layout.reserved(ref, l.metadata().version()));
        }
        versions.journalOn(ref, actor, JournalOperation.DESTROY, latest);
      } finally {
        commit.unlock();
      }
    } finally {
      mutex.unlock();
    }
  }

  /**
   * Places or releases a legal hold on every version of a document.
   *
   * @param ref the document
   * @param on true to hold
   * @param actor who decides
   * @return the metadata of the latest version
   */
  public DocumentMetadata legalHold(DocumentRef ref, boolean on, String actor) {
    ReentrantLock mutex = locks.mutex(ref);
    mutex.lock();
    try {
      List<LoadedVersion> all = new ArrayList<>();
      for (Map.Entry<Long, Journal.VersionState> v : versions.live(ref).entrySet()) {
        all.add(versions.load(ref, v.getKey(), v.getValue(), false));
      }
      DocumentMetadata latest = null;
      for (LoadedVersion loaded : all) {
        DocumentMetadata m = loaded.metadata();
        DocumentMetadata updated = withProtection(m, m.retainUntil(), on);
        envelopes.rewrite(loaded, updated);
        if (objectLock) {
          store.legalHold(Layout.content(ref, m.version(), loaded.attempt()), on);
        }
        latest = updated;
      }
      journal.append(
          ref.tenant(),
          actor,
          on ? JournalOperation.LEGAL_HOLD_SET : JournalOperation.LEGAL_HOLD_RELEASED,
          ref.container(),
          ref.id(),
          latest.version(),
          Envelopes.journalDigest(latest),
          latest.retainUntil(),
          on);
      return latest;
    } finally {
      mutex.unlock();
    }
  }

  /**
   * Extends the retention of every version of a document; never shortens it, compared with both the
   * envelope and the journal.
   *
   * @param ref the document
   * @param until the new retention date
   * @param actor who decides
   * @return the metadata of the latest version
   */
  public DocumentMetadata extendRetention(DocumentRef ref, Instant until, String actor) {
    ReentrantLock mutex = locks.mutex(ref);
    mutex.lock();
    try {
      List<LoadedVersion> all = new ArrayList<>();
      try {
        for (Map.Entry<Long, Journal.VersionState> v : versions.live(ref).entrySet()) {
          LoadedVersion loaded = versions.load(ref, v.getKey(), v.getValue(), false);
          all.add(loaded);
          boolean shorter =
              loaded.metadata().retainUntil().map(until::isBefore).orElse(false)
                  || v.getValue().retainUntil().map(until::isBefore).orElse(false);
          if (shorter) {
            throw new RetentionLockedException("retention can only be extended, never shortened");
          }
        }
      } catch (RuntimeException e) {
        all.forEach(LoadedVersion::close);
        throw e;
      }
      DocumentMetadata latest = null;
      for (LoadedVersion loaded : all) {
        DocumentMetadata m = loaded.metadata();
        DocumentMetadata updated = withProtection(m, Optional.of(until), m.legalHold());
        envelopes.rewrite(loaded, updated);
        if (objectLock) {
          store.extendRetention(
              Layout.content(ref, m.version(), loaded.attempt()), until, retentionMode);
        }
        latest = updated;
      }
      journal.append(
          ref.tenant(),
          actor,
          JournalOperation.RETENTION_EXTENDED,
          ref.container(),
          ref.id(),
          latest.version(),
          Envelopes.journalDigest(latest),
          Optional.of(until),
          latest.legalHold());
      return latest;
    } finally {
      mutex.unlock();
    }
  }

  /** The same version's metadata with another retention date and legal hold. */
  private static DocumentMetadata withProtection(
      DocumentMetadata m, Optional<Instant> retainUntil, boolean legalHold) {
    return new DocumentMetadata(
        m.ref(),
        m.version(),
        m.size(),
        m.digestAlgorithm(),
        m.digest(),
        m.depositor(),
        m.depositedAt(),
        m.contentType(),
        m.originalFilename(),
        retainUntil,
        legalHold);
  }
}
