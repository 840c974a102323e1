package fr.socle.storage.internal;

import fr.socle.storage.DocumentMetadata;
import fr.socle.storage.DocumentNotFoundException;
import fr.socle.storage.DocumentRef;
import fr.socle.storage.JournalOperation;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The versions of a document as the journal records them, and their loading: a version exists only
 * once its deposit is journaled, and every envelope loaded is checked against the journal. Also
 * journals operations on one version. Runs the tenant's crash recovery before the first look.
 *
 * <p>Thread-safe.
 */
public final class Versions {
  private final Journal journal;
  private final Recovery recovery;
  private final EnvelopeStore envelopes;
  private final DocumentLocks locks;

  /**
   * Creates the view.
   *
   * @param journal the journal
   * @param recovery the crash recovery
   * @param envelopes the envelope store
   * @param locks the per-document locks
   */
  public Versions(
      Journal journal, Recovery recovery, EnvelopeStore envelopes, DocumentLocks locks) {
    this.journal = journal;
    this.recovery = recovery;
    this.envelopes = envelopes;
    this.locks = locks;
  }

  /**
   * Runs the crash recovery of a tenant, once per safe.
   *
   * @param tenant the tenant
   */
  public void recover(String tenant) {
    recovery.recover(tenant);
  }

  /**
   * The versions the journal says are live.
   *
   * @param ref the document
   * @return version to journaled state, ascending; never empty
   * @throws DocumentNotFoundException if the document has no live version
   */
  public TreeMap<Long, Journal.VersionState> live(DocumentRef ref) {
    recover(ref.tenant());
    TreeMap<Long, Journal.VersionState> live =
        journal
            .document(ref.tenant(), ref.container(), ref.id())
            .map(Journal.DocumentState::live)
            .orElseGet(TreeMap::new);
    if (live.isEmpty()) {
      throw new DocumentNotFoundException("no document " + Envelopes.describe(ref));
    }
    return live;
  }

  /**
   * Loads one version and checks it against the journal (see {@link EnvelopeStore#load}).
   *
   * @param ref the document
   * @param version the version
   * @param journaled the journal's state of the version
   * @param checkProtection whether retention and legal hold must agree with the journal
   * @return the version; close it
   */
  public LoadedVersion load(
      DocumentRef ref, long version, Journal.VersionState journaled, boolean checkProtection) {
    return envelopes.load(ref, version, journaled, checkProtection);
  }

  /**
   * Loads one live version, an older one included, consistently with concurrent commits.
   *
   * @param ref the document
   * @param version the version
   * @return the version; close it
   * @throws DocumentNotFoundException if this version is not live
   */
  public LoadedVersion load(DocumentRef ref, long version) {
    ReentrantReadWriteLock.ReadLock read = locks.commit(ref).readLock();
    read.lock();
    try {
      Journal.VersionState journaled = live(ref).get(version);
      if (journaled == null) {
        throw new DocumentNotFoundException(
            "no version " + version + " of document " + Envelopes.describe(ref));
      }
      return envelopes.load(ref, version, journaled, true);
    } finally {
      read.unlock();
    }
  }

  /**
   * Loads the latest live version, consistently with concurrent commits.
   *
   * @param ref the document
   * @return the version; close it
   * @throws DocumentNotFoundException if the document has no live version
   */
  public LoadedVersion loadLatest(DocumentRef ref) {
    ReentrantReadWriteLock.ReadLock read = locks.commit(ref).readLock();
    read.lock();
    try {
      Map.Entry<Long, Journal.VersionState> latest = live(ref).lastEntry();
      return envelopes.load(ref, latest.getKey(), latest.getValue(), true);
    } finally {
      read.unlock();
    }
  }

  /**
   * Loads the latest live version if there is one (a document listed may be destroyed meanwhile).
   *
   * @param ref the document
   * @return the version, or empty; close it
   */
  public Optional<LoadedVersion> tryLoadLatest(DocumentRef ref) {
    try {
      return Optional.of(loadLatest(ref));
    } catch (DocumentNotFoundException destroyedMeanwhile) {
      return Optional.empty();
    }
  }

  /**
   * Journals an operation on one version of a document, with that version's plaintext digest.
   *
   * @param ref the document
   * @param actor who
   * @param operation what
   * @param version the version's metadata
   */
  public void journalOn(
      DocumentRef ref, String actor, JournalOperation operation, DocumentMetadata version) {
    journal.append(
        ref.tenant(),
        actor,
        operation,
        ref.container(),
        ref.id(),
        version.version(),
        Envelopes.journalDigest(version));
  }
}
