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
 * <p>Small inputs never start the thread: the first {@link #SYNC_THRESHOLD} bytes are hashed inline
 * and the thread starts only after that. Memory is bounded: {@link #SLOTS} buffers of {@link
 * #SLOT_SIZE} bytes per instance. Not thread-safe: one producer. {@link #close()} stops the thread
 * whether or not the digest was taken.
 */
public final class PipelinedDigest implements AutoCloseable {
  static final int SYNC_THRESHOLD = 1 << 20;
  static final int SLOTS = 4;
  static final int SLOT_SIZE = 256 * 1024;

  private static final Chunk END = new Chunk(new byte[0]);

  private final MessageDigest digest;
  private long inline;
  private BlockingQueue<Chunk> free;
  private BlockingQueue<Chunk> full;
  private Thread worker;
  private Chunk current;
  private boolean closed;

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
    if (worker == null) {
      if (inline + len <= SYNC_THRESHOLD) {
        digest.update(b, off, len);
        inline += len;
        return;
      }
      start();
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

  private void start() {
    free = new ArrayBlockingQueue<>(SLOTS);
    full = new ArrayBlockingQueue<>(SLOTS + 1);
    for (int i = 0; i < SLOTS; i++) {
      free.add(new Chunk(new byte[SLOT_SIZE]));
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
