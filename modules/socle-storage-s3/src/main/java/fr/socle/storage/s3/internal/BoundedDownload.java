package fr.socle.storage.s3.internal;

import fr.socle.core.SocleTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The body of an S3 GET, bounded by the wall clock (issue #11: a peer that drips the body one byte
 * at a time never trips the socket timeout, so it could hold a read forever).
 *
 * <p>The rule mirrors uploads, where one exchange carries one part: the k-th part-sized slice of
 * the body must have been read within k deadlines of the GET's start. A GET therefore lasts at most
 * {@code ceil(length / partSize)} deadlines (one when the length is unknown), and a 1 GiB download
 * on a slow but steady link is not cut off after the first deadline. When a window closes short, a
 * timer aborts the HTTP exchange under the blocked read, which then fails with {@link
 * SocleTimeoutException}. Closing the stream before its end aborts the exchange too (the connection
 * is dropped rather than drained, so a dripping peer cannot hold {@code close()}).
 *
 * <p>A reader that consumes slowly counts as a slow peer: the window counts bytes handed to the
 * caller.
 */
public final class BoundedDownload extends InputStream {
  private final InputStream in;
  private final Runnable abort;
  private final long length;
  private final long partSize;
  private final long deadlineNanos;
  private final long startNanos;
  private final ScheduledExecutorService timer;
  private final Object lock = new Object();
  private volatile long read;
  private volatile boolean timedOut;
  private boolean finished;
  private int windows = 1;
  private ScheduledFuture<?> pending;

  /**
   * Starts the clock of a GET.
   *
   * @param in the body
   * @param abort drops the HTTP exchange (callable from another thread)
   * @param length the body's length, or -1 if the store did not say
   * @param partSize the slice that must arrive within each deadline
   * @param deadline the store's deadline
   * @param startNanos {@link System#nanoTime()} when the GET was sent
   * @param timer runs the check at the end of each window
   */
  public BoundedDownload(
      InputStream in,
      Runnable abort,
      long length,
      int partSize,
      Duration deadline,
      long startNanos,
      ScheduledExecutorService timer) {
    this.in = in;
    this.abort = abort;
    this.length = length;
    this.partSize = partSize;
    this.deadlineNanos = deadline.toNanos();
    this.startNanos = startNanos;
    this.timer = timer;
    schedule();
  }

  /**
   * The timer of one store's downloads: one daemon thread, shut down with the store.
   *
   * @return a new timer
   */
  public static ScheduledExecutorService newTimer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "socle-s3-download-deadline");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  private void schedule() {
    long delay = startNanos + deadlineNanos * windows - System.nanoTime();
    pending = timer.schedule(this::windowEnds, Math.max(0, delay), TimeUnit.NANOSECONDS);
  }

  private void windowEnds() {
    synchronized (lock) {
      if (finished) {
        return;
      }
      long due = partSize * windows;
      if (length >= 0 && read >= length) {
        return; // everything was handed over; only the end of stream is left to read
      }
      if (length > due && read >= due) {
        windows++;
        schedule();
        return;
      }
      timedOut = true;
      finished = true;
    }
    abort.run();
  }

  private void finish() {
    synchronized (lock) {
      finished = true;
      if (pending != null) {
        pending.cancel(false);
      }
    }
  }

  private SocleTimeoutException timeout(Exception cause) {
    return new SocleTimeoutException(
        "S3 get: deadline of "
            + Duration.ofNanos(deadlineNanos).toMillis()
            + " ms per "
            + partSize
            + " bytes exceeded",
        cause);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n == -1 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (timedOut) {
      throw timeout(null);
    }
    int n;
    try {
      n = in.read(b, off, len);
    } catch (IOException | RuntimeException e) {
      if (timedOut) {
        throw timeout(e);
      }
      throw e;
    }
    if (timedOut) {
      throw timeout(null);
    }
    if (n > 0) {
      read += n;
    } else if (n == -1) {
      finish();
    }
    return n;
  }

  @Override
  public int available() throws IOException {
    return timedOut ? 0 : in.available();
  }

  @Override
  public void close() throws IOException {
    boolean complete;
    synchronized (lock) {
      complete = !timedOut && (finished || (length >= 0 && read >= length));
    }
    finish();
    if (!complete) {
      // Before the end (or after a timeout): drop the connection instead of draining the rest.
      abort.run();
    }
    try {
      in.close();
    } catch (IOException | RuntimeException e) {
      if (complete) {
        throw e;
      }
      // The exchange was aborted on purpose: closing what is left may complain.
    }
  }
}
