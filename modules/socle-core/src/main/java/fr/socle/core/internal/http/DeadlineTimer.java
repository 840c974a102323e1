package fr.socle.core.internal.http;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.core5.concurrent.Cancellable;

/**
 * Enforces the deadline of each call from one daemon thread per transport. The response timeout
 * bounds the silence between two bytes only: a peer dripping a byte at a time would hold a call
 * forever. When a call's deadline passes, the timer cancels the exchange, which drops the
 * connection under the blocked read (connection lease, connect, headers, body and retries alike).
 */
public final class DeadlineTimer implements AutoCloseable {
  private final ScheduledThreadPoolExecutor timers;

  /** Starts the timer thread. */
  public DeadlineTimer() {
    this.timers =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "socle-http-deadline");
              t.setDaemon(true);
              return t;
            });
    // Most calls end long before their deadline: drop cancelled timers at once.
    timers.setRemoveOnCancelPolicy(true);
  }

  /** One armed deadline; {@link #close()} disarms it when the call ends first. */
  public static final class Armed implements AutoCloseable {
    private final AtomicBoolean expired = new AtomicBoolean();
    private ScheduledFuture<?> future;

    private Armed() {}

    /**
     * Whether the deadline passed and the exchange was cancelled.
     *
     * @return true once the deadline fired
     */
    public boolean expired() {
      return expired.get();
    }

    @Override
    public void close() {
      future.cancel(false);
    }
  }

  /**
   * Arms a deadline for one exchange.
   *
   * @param exchange what to cancel when the deadline passes
   * @param deadline the wall-clock bound of the call
   * @return the armed deadline, to be closed when the call ends
   * @throws RejectedExecutionException if the timer was closed
   */
  public Armed arm(Cancellable exchange, Duration deadline) {
    Armed armed = new Armed();
    armed.future =
        timers.schedule(
            () -> {
              armed.expired.set(true);
              exchange.cancel();
            },
            deadline.toNanos(),
            TimeUnit.NANOSECONDS);
    return armed;
  }

  /** Stops the thread; later {@link #arm} calls are rejected. */
  @Override
  public void close() {
    timers.shutdownNow();
  }
}
