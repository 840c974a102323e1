package fr.socle.storage.internal;

import fr.socle.core.SocleClientException;
import fr.socle.storage.ContentRejectedException;
import fr.socle.storage.DepositRequest;
import fr.socle.storage.DocumentMetadata;
import fr.socle.storage.DocumentRef;
import fr.socle.storage.JournalOperation;
import fr.socle.storage.spi.ObjectExistsException;
import fr.socle.storage.spi.ObjectStore;
import fr.socle.storage.spi.WriteOptions;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deposit of a version: reserve the next version number, stream the content through the {@link
 * ContentPipeline}, then commit the envelope and the journal entry together for readers. A version
 * becomes visible only once its deposit is journaled; a deposit that fails on the way deletes what
 * this attempt wrote, and nothing else.
 *
 * <p>Thread-safe; deposits on one identifier are serialised.
 */
public final class Deposits {
  private static final Logger LOG = LoggerFactory.getLogger(Deposits.class);
  private static final int MAX_VERSION_ATTEMPTS = 100;

  private final ObjectStore store;
  private final Journal journal;
  private final Recovery recovery;
  private final EnvelopeStore envelopes;
  private final ContentPipeline pipeline;
  private final DocumentLocks locks;
  private final Clock clock;

  /**
   * Creates the deposit flow.
   *
   * @param store the object store
   * @param journal the journal
   * @param recovery the crash recovery
   * @param envelopes the envelope store
   * @param pipeline the content pipeline
   * @param locks the per-document locks
   * @param clock the clock of reservations
   */
  public Deposits(
      ObjectStore store,
      Journal journal,
      Recovery recovery,
      EnvelopeStore envelopes,
      ContentPipeline pipeline,
      DocumentLocks locks,
      Clock clock) {
    this.store = store;
    this.journal = journal;
    this.recovery = recovery;
    this.envelopes = envelopes;
    this.pipeline = pipeline;
    this.locks = locks;
    this.clock = clock;
  }

  /**
   * Deposits a new version.
   *
   * @param request where, by whom, and the metadata
   * @param content the plaintext; read to the end, not closed
   * @return the metadata of the new, journaled version
   */
  public DocumentMetadata deposit(DepositRequest request, InputStream content) {
    DocumentRef ref = request.ref();
    recovery.recover(ref.tenant());
    ReentrantLock mutex = locks.mutex(ref);
    mutex.lock();
    try {
      String attempt = Envelopes.newAttempt();
      long version = reserveVersion(ref, attempt);
      boolean envelopeWritten = false;
      try {
        ContentPipeline.Written w = pipeline.write(request, version, attempt, content);
        ReentrantReadWriteLock.WriteLock commit = locks.commit(ref).writeLock();
        commit.lock();
        try {
          envelopes.create(ref, version, w.envelope());
          envelopeWritten = true;
          DocumentMetadata m = w.metadata();
          journal.append(
              ref.tenant(),
              request.depositor(),
              JournalOperation.DEPOSIT,
              ref.container(),
              ref.id(),
              version,
              Envelopes.journalDigest(m),
              m.retainUntil(),
              m.legalHold());
        } finally {
          commit.unlock();
        }
        LOG.debug("deposited version {} of a document", version);
        return w.metadata();
      } catch (RuntimeException e) {
        // Fail closed: a deposit that is not journaled must not stay visible. Only what this
        // attempt wrote is deleted: never another deposit's objects.
        if (envelopeWritten) {
          deleteQuietly(Layout.envelope(ref, version));
        }
        deleteQuietly(Layout.content(ref, version, attempt));
        if (e instanceof ContentRejectedException refused) {
          // Journaled before the reservation is released, so the refused version number stays
          // consumed (JournalState counts it like a rolled-back one) and is never reused.
          journalRefusal(request, version, refused);
        }
        if (reservedBy(ref, version).map(r -> r.attempt().equals(attempt)).orElse(false)) {
          deleteQuietly(Layout.reserved(ref, version));
        }
        throw e;
      }
    } finally {
      mutex.unlock();
    }
  }

  /**
   * Journals a scanner's refusal in the journal's usual shape: the refused version, no digest (the
   * content was never accepted) and no protection (nothing was stored to protect).
   */
  private void journalRefusal(DepositRequest request, long version, ContentRejectedException e) {
    DocumentRef ref = request.ref();
    try {
      journal.append(
          ref.tenant(),
          request.depositor(),
          JournalOperation.CONTENT_REFUSED,
          ref.container(),
          ref.id(),
          version,
          "");
    } catch (RuntimeException journalFailure) {
      e.addSuppressed(journalFailure);
    }
  }

  /**
   * Reserves the next version: one more than every version found in the store (even folders left by
   * interrupted deposits) and every version the journal ever recorded (even rolled back or
   * destroyed ones), so a version number is never reused.
   */
  private long reserveVersion(DocumentRef ref, String attempt) {
    String prefix = Layout.documentPrefix(ref);
    long version =
        journal
                .document(ref.tenant(), ref.container(), ref.id())
                .map(Journal.DocumentState::highestVersion)
                .orElse(0L)
            + 1;
    for (String key : store.list(prefix)) {
      OptionalLong v = Layout.versionOf(prefix, key);
      if (v.isPresent()) {
        version = Math.max(version, v.getAsLong() + 1);
      }
    }
    for (int tries = 0; tries < MAX_VERSION_ATTEMPTS; tries++, version++) {
      try {
        store.put(
            Layout.reserved(ref, version),
            Recovery.reservation(attempt, clock.instant()),
            // A reservation lost in a crash only makes the recovery treat the folder as old.
            WriteOptions.writeOnce().withDurable(false));
      } catch (ObjectExistsException raced) {
        // A concurrent deposit took this version; try the next one.
        continue;
      }
      // A store whose conditional create is not atomic may have let another writer in too.
      if (reservedBy(ref, version).map(r -> r.attempt().equals(attempt)).orElse(false)) {
        return version;
      }
    }
    throw new SocleClientException("too many concurrent deposits on one document");
  }

  private Optional<Recovery.Reservation> reservedBy(DocumentRef ref, long version) {
    return recovery.reservation(Layout.reserved(ref, version));
  }

  private void deleteQuietly(String key) {
    try {
      store.delete(key);
    } catch (RuntimeException e) {
      LOG.warn("could not clean up after a failed deposit: {}", e.getClass().getSimpleName());
    }
  }
}
