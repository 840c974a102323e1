package fr.socle.storage.internal;

import fr.socle.core.SocleClientException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Computes a digest on a second thread while the caller's thread encrypts or decrypts, so that a
 * deposit or a read costs max(hash, cipher + I/O) instead of their sum on a machine with two cores
 * or more.
 *
 * <p>Two ways to feed it, not to be mixed on one instance:
 *
 * <ul>
 *   <li>{@link #update} copies the caller's bytes into a slot (the read path, where the bytes land
 *       in the caller's own buffer);
 *   <li>{@link #borrow} and {@link #submit} lend the caller the slot itself: the caller reads its
 *       input straight into it, submits it, and may go on reading (encrypting, scanning) it until
 *       it borrows the next one; the worker hashes it meanwhile and only then returns it to the
 *       pool. No byte is copied for the digest (the deposit path).
 * </ul>
 *
 * <p>Small inputs never start the thread: the first {@link #SYNC_THRESHOLD} bytes are hashed inline
 * and the thread starts only after that. Memory is bounded: {@link #SLOTS} buffers of {@link
 * #SLOT_SIZE} bytes (copy mode) or {@link #LENT_SIZE} bytes (lending mode) per instance, plus one
 * {@link #INLINE_SIZE} buffer lent below the threshold. Not thread-safe: one producer. {@link
 * #close()} stops the thread whether or not the digest was taken.
 */
public final class PipelinedDigest implements AutoCloseable {
  static final int SYNC_THRESHOLD = 1 << 20;
  static final int SLOTS = 4;
  static final int SLOT_SIZE = 256 * 1024;

  /**
   * Size of a lent slot: one Tink {@code AES256_GCM_HKDF_1MB} segment, so that the encrypting
   * stream seals most of each slot in place instead of copying it into its own segment buffer.
   */
  static final int LENT_SIZE = 1 << 20;

  /** Size of the buffer lent below {@link #SYNC_THRESHOLD}, where small deposits stay. */
  static final int INLINE_SIZE = 64 * 1024;

  private static final Chunk END = new Chunk(new byte[0]);

  private final MessageDigest digest;
  private long inline;
  private BlockingQueue<Chunk> free;
  private BlockingQueue<Chunk> full;
  private Thread worker;
  private Chunk current;
  private boolean closed;
  private Boolean lending;
  private byte[] inlineBuffer;
  private byte[] lent;
  private Chunk lentChunk;

  private static final class Chunk {
    final byte[] bytes;
    int length;

    Chunk(byte[] bytes) {
      this.bytes = bytes;
    }
  }

  /**
   * Wraps a digest.
   *
   * @param digest an empty digest, owned by this object from now on
   */
  public PipelinedDigest(MessageDigest digest) {
    this.digest = digest;
  }

  /**
   * Adds bytes; they are copied, so the caller may reuse its buffer at once.
   *
   * @param b the buffer
   * @param off the offset
   * @param len the length
   */
  public void update(byte[] b, int off, int len) {
    mode(false);
    if (worker == null) {
      if (inline + len <= SYNC_THRESHOLD) {
        digest.update(b, off, len);
        inline += len;
        return;
      }
      start(SLOT_SIZE);
    }
    while (len > 0) {
      if (current == null) {
        current = take(free);
        current.length = 0;
      }
      int n = Math.min(len, current.bytes.length - current.length);
      System.arraycopy(b, off, current.bytes, current.length, n);
      current.length += n;
      off += n;
      len -= n;
      if (current.length == current.bytes.length) {
        put(full, current);
        current = null;
      }
    }
  }

  /**
   * Lends a buffer to fill with the next bytes to hash; hand it back with {@link #submit}. The
   * buffer is never one the worker is still hashing. Below {@link #SYNC_THRESHOLD} it is a small
   * buffer hashed inline; past it, a {@link #LENT_SIZE} slot of the pool. A buffer borrowed but not
   * submitted (the input ended) is simply not hashed.
   *
   * @return the buffer, to be filled from index 0
   */
  public byte[] borrow() {
    mode(true);
    if (worker == null && inline < SYNC_THRESHOLD) {
      if (inlineBuffer == null) {
        inlineBuffer = new byte[INLINE_SIZE];
      }
      lentChunk = null;
      lent = inlineBuffer;
      return lent;
    }
    if (worker == null) {
      start(LENT_SIZE);
    }
    if (lentChunk == null) {
      lentChunk = take(free);
    }
    // A chunk borrowed and not submitted is lent again as is.
    lent = lentChunk.bytes;
    return lent;
  }

  /**
   * Hands a borrowed buffer over for hashing, without copying it. The caller may keep reading the
   * buffer (never writing it) until its next {@link #borrow}.
   *
   * @param buffer the buffer {@link #borrow} returned last
   * @param length how many bytes, from index 0, to hash
   */
  public void submit(byte[] buffer, int length) {
    if (buffer == null || buffer != lent || length < 0 || length > buffer.length) {
      throw new IllegalStateException("submit the buffer borrow() lent, within its length");
    }
    lent = null;
    if (lentChunk == null) {
      digest.update(buffer, 0, length);
      inline += length;
      return;
    }
    lentChunk.length = length;
    put(full, lentChunk);
    lentChunk = null;
  }

  /**
   * Waits for every byte to be hashed and returns the digest.
   *
   * @return the digest
   */
  public byte[] digest() {
    if (worker != null) {
      if (current != null) {
        put(full, current);
        current = null;
      }
      put(full, END);
      join();
    }
    closed = true;
    return digest.digest();
  }

  /** Stops the worker thread if the digest was not taken. */
  @Override
  public void close() {
    if (!closed && worker != null) {
      closed = true;
      worker.interrupt();
      join();
    }
    closed = true;
  }

  /** For tests: whether the worker thread is running. */
  boolean workerAlive() {
    return worker != null && worker.isAlive();
  }

  private void mode(boolean lend) {
    if (lending == null) {
      lending = lend;
    } else if (lending != lend) {
      throw new IllegalStateException("update() and borrow() cannot be mixed");
    }
  }

  private void start(int slotSize) {
    free = new ArrayBlockingQueue<>(SLOTS);
    full = new ArrayBlockingQueue<>(SLOTS + 1);
    for (int i = 0; i < SLOTS; i++) {
      free.add(new Chunk(new byte[slotSize]));
    }
    worker =
        new Thread(
            () -> {
              try {
                for (Chunk c = full.take(); c != END; c = full.take()) {
                  digest.update(c.bytes, 0, c.length);
                  free.put(c);
                }
              } catch (InterruptedException e) {
                // Abandoned stream: nothing left to do.
              }
            },
            "socle-storage-digest");
    worker.setDaemon(true);
    worker.start();
  }

  private void join() {
    boolean interrupted = false;
    while (worker.isAlive()) {
      try {
        worker.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static Chunk take(BlockingQueue<Chunk> q) {
    try {
      return q.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SocleClientException("interrupted while hashing a document");
    }
  }

  private static void put(BlockingQueue<Chunk> q, Chunk c) {
    try {
      q.put(c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SocleClientException("interrupted while hashing a document");
    }
  }
}
