package fr.socle.storage.internal;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes a channel when a blocking operation on it takes too long. Blocking socket writes and
 * channel reads have no timeout of their own in the JDK; closing the channel from another thread
 * makes the blocked call fail at once with an {@code AsynchronousCloseException}.
 */
public final class Watchdog {
  private static final ScheduledThreadPoolExecutor TIMER = newTimer();

  private Watchdog() {}

  private static ScheduledThreadPoolExecutor newTimer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "socle-storage-watchdog");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /**
   * Arms a deadline for one operation.
   *
   * @param target what to close when the deadline passes
   * @param timeout how long the operation may take
   * @return the armed deadline; close it when the operation ends
   */
  public static Deadline arm(Closeable target, Duration timeout) {
    return new Deadline(target, timeout);
  }

  /** One armed deadline. */
  public static final class Deadline implements AutoCloseable {
    private final AtomicBoolean fired = new AtomicBoolean();
    private final ScheduledFuture<?> future;

    private Deadline(Closeable target, Duration timeout) {
      this.future =
          TIMER.schedule(
              () -> {
                fired.set(true);
                try {
                  target.close();
                } catch (IOException ignored) {
                  // The channel is being abandoned; nothing more to do.
                }
              },
              timeout.toNanos(),
              TimeUnit.NANOSECONDS);
    }

    /**
     * Tells whether the deadline passed (and the target was closed).
     *
     * @return true if the operation timed out
     */
    public boolean fired() {
      return fired.get();
    }

    /** Disarms the deadline. */
    @Override
    public void close() {
      future.cancel(false);
    }
  }
}
