package fr.socle.storage.internal;

import fr.socle.storage.DocumentRef;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Striped per-document locks of one safe. The mutex serialises the operations that change a
 * document (deposits of new versions, destruction, protection changes), so two deposits on one
 * identifier through one safe never race for a version. The read-write lock makes each commit
 * (envelope and journal entry) atomic for readers. Documents that share a stripe are serialised
 * too, which costs concurrency, never correctness.
 */
public final class DocumentLocks {
  private static final int STRIPES = 1024;

  private final ReentrantLock[] mutexes = new ReentrantLock[STRIPES];
  private final ReentrantReadWriteLock[] commits = new ReentrantReadWriteLock[STRIPES];

  /** Creates the locks. */
  public DocumentLocks() {
    for (int i = 0; i < STRIPES; i++) {
      mutexes[i] = new ReentrantLock();
      commits[i] = new ReentrantReadWriteLock();
    }
  }

  private static int stripe(DocumentRef ref) {
    return Math.floorMod(Layout.documentPrefix(ref).hashCode(), STRIPES);
  }

  /**
   * The lock that serialises changes to a document.
   *
   * @param ref the document
   * @return the lock
   */
  public ReentrantLock mutex(DocumentRef ref) {
    return mutexes[stripe(ref)];
  }

  /**
   * The lock that separates a commit from reads of the document.
   *
   * @param ref the document
   * @return the lock
   */
  public ReentrantReadWriteLock commit(DocumentRef ref) {
    return commits[stripe(ref)];
  }
}
