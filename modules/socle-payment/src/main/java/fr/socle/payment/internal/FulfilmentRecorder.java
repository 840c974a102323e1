package fr.socle.payment.internal;

import fr.socle.payment.spi.FulfilmentRecord;
import fr.socle.payment.spi.PaymentLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the records that listeners completed. With a positive delay, a record waits in memory at
 * most that long and is written with the others that arrived meanwhile, by one writer thread, in
 * one {@link PaymentLedger#completeFulfilments(List)} call: on a database ledger, one statement for
 * tens of rows instead of one statement and one commit per row, the largest cost of a paid
 * notification after the state change itself. With a zero delay, each record is written before the
 * call that ran the listener returns.
 *
 * <p>What waiting costs: nothing for the payment (its state and the fulfilment claim are committed
 * before the listener runs). If the process stops abruptly while a record waits, the claim expires
 * after its lease and the listener is called again, the at-least-once case the listener contract
 * already covers for a node that stops between the listener and its record. {@link #close()} writes
 * what waits. Memory is bounded: past {@link #MAX_WAITING} records waiting (the database is down),
 * records are written synchronously, and fail as they would have. A record whose write failed is
 * retried until its claim's lease ends. Thread-safe.
 */
public final class FulfilmentRecorder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FulfilmentRecorder.class);

  /** Written at once, without waiting for the delay, when this many records wait. */
  static final int WRITE_AT = 512;

  /** The most records written by one ledger call. */
  static final int MAX_WRITE = 1000;

  /** The most records waiting in memory; beyond, records are written synchronously. */
  static final int MAX_WAITING = 20_000;

  /** How long {@link #close()} waits for the last write. */
  private static final long CLOSE_WAIT_MILLIS = 30_000;

  private final PaymentLedger ledger;
  private final Duration delay;
  private final String threadName;
  private final Supplier<Instant> now;
  private final Object lock = new Object();

  // Guarded by lock.
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private long oldestSince;
  private Thread writer;
  private boolean closed;

  /**
   * Creates the recorder; its writer thread starts with the first record that waits.
   *
   * @param ledger the ledger
   * @param delay how long a record may wait; zero to write each one synchronously
   * @param threadName the writer thread's name
   * @param now the clock of the leases, at the ledger's precision
   */
  public FulfilmentRecorder(
      PaymentLedger ledger, Duration delay, String threadName, Supplier<Instant> now) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.delay = Objects.requireNonNull(delay, "delay");
    this.threadName = Objects.requireNonNull(threadName, "threadName");
    this.now = Objects.requireNonNull(now, "now");
  }

  /**
   * Records that the listener completed: queues the record for the writer, or writes it now if the
   * delay is zero, the recorder is closed, or too many records wait.
   *
   * @param record the completion
   * @param leaseEnd when the claim under which the listener ran expires: past it, another node may
   *     run the listener again, and retrying the write is pointless
   * @throws fr.socle.core.SocleClientException if written now and the ledger failed
   */
  public void record(FulfilmentRecord record, Instant leaseEnd) {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(leaseEnd, "leaseEnd");
    if (!delay.isZero()) {
      synchronized (lock) {
        if (!closed && waiting.size() < MAX_WAITING) {
          if (waiting.isEmpty()) {
            oldestSince = System.nanoTime();
          }
          waiting.add(new Waiting(record, leaseEnd));
          if (writer == null) {
            writer = new Thread(this::writeLoop, threadName);
            writer.setDaemon(true);
            writer.start();
          }
          if (waiting.size() == 1 || waiting.size() == WRITE_AT) {
            lock.notifyAll();
          }
          return;
        }
      }
    }
    ledger.completeFulfilment(record.idOp(), record.claimId(), record.at());
  }

  /** The writer thread: waits for the delay (or enough records), writes, repeats until closed. */
  private void writeLoop() {
    boolean retrying = false;
    while (true) {
      List<Waiting> batch = new ArrayList<>();
      synchronized (lock) {
        try {
          while (true) {
            if (closed) {
              break;
            }
            if (waiting.isEmpty()) {
              lock.wait();
              continue;
            }
            // After a failed write, wait at least a second: the database may be down.
            long wait = retrying ? Math.max(delay.toNanos(), 1_000_000_000L) : delay.toNanos();
            long left = oldestSince + wait - System.nanoTime();
            if (left <= 0 || (!retrying && waiting.size() >= WRITE_AT)) {
              break;
            }
            lock.wait(left / 1_000_000, (int) (left % 1_000_000));
          }
        } catch (InterruptedException e) {
          closed = true; // write what waits, then stop
        }
        if (closed && waiting.isEmpty()) {
          return;
        }
        while (batch.size() < MAX_WRITE && !waiting.isEmpty()) {
          batch.add(waiting.poll());
        }
        oldestSince = System.nanoTime();
      }
      retrying = !write(batch);
    }
  }

  /**
   * Writes the records waiting now, in the calling thread, so that what this node reads next (its
   * reconciliation, {@code fulfilledAt}) sees them. A failed write is logged and retried later, as
   * by the writer thread.
   */
  public void flush() {
    while (true) {
      List<Waiting> batch = new ArrayList<>();
      synchronized (lock) {
        while (batch.size() < MAX_WRITE && !waiting.isEmpty()) {
          batch.add(waiting.poll());
        }
      }
      if (batch.isEmpty() || !write(batch)) {
        return;
      }
    }
  }

  /** Writes a batch; on failure, queues again the records whose lease has not ended. */
  private boolean write(List<Waiting> batch) {
    List<FulfilmentRecord> records = new ArrayList<>(batch.size());
    for (Waiting w : batch) {
      records.add(w.record);
    }
    try {
      ledger.completeFulfilments(records);
      return true;
    } catch (RuntimeException e) {
      Instant at = now.get();
      List<Waiting> again = new ArrayList<>();
      for (Waiting w : batch) {
        if (w.leaseEnd.isAfter(at)) {
          again.add(w);
        }
      }
      boolean closing;
      synchronized (lock) {
        closing = closed;
        if (!closing) {
          for (int i = again.size() - 1; i >= 0; i--) {
            waiting.addFirst(again.get(i));
          }
        }
      }
      log.warn(
          "{} fulfilment records not written ({}); {}",
          batch.size(),
          e.getClass().getName(),
          closing
              ? "closing: their listeners may be called again after the lease"
              : again.size()
                  + " will be retried, the others' leases ended and their listeners may be"
                  + " called again");
      return false;
    }
  }

  /**
   * Writes the records that wait (one attempt), then stops the writer thread. Later records are
   * written synchronously.
   */
  @Override
  public void close() {
    Thread t;
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
      t = writer;
    }
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(CLOSE_WAIT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static final class Waiting {
    final FulfilmentRecord record;
    final Instant leaseEnd;

    Waiting(FulfilmentRecord record, Instant leaseEnd) {
      this.record = record;
      this.leaseEnd = leaseEnd;
    }
  }
}
