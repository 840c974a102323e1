package fr.socle.payment.internal;

import fr.socle.core.SocleException;
import fr.socle.core.SocleTimeoutException;
import fr.socle.payment.Payment;
import fr.socle.payment.PaymentState;
import fr.socle.payment.ReconciliationResult;
import fr.socle.payment.internal.FulfilmentCoordinator.Fulfilment;
import fr.socle.payment.internal.FulfilmentCoordinator.Outcome;
import fr.socle.payment.payfip.PayfipFunctionalException;
import fr.socle.payment.spi.PaymentLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciliation of one régie: runs bounded by a deadline, the lookups of pending payments and
 * of expired or abandoned ones whose re-check is due, then the fulfilment retries. Runs on any
 * scheduler it is given. Thread-safe; safe on several nodes at once (the ledger arbitrates).
 */
public final class Reconciler {
  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  /** Stop a run after this many lookups in a row time out: PayFiP is likely down. */
  private static final int MAX_CONSECUTIVE_TIMEOUTS = 3;

  private final String numcli;
  private final PaymentLedger ledger;
  private final PaymentSettler settler;
  private final FulfilmentCoordinator coordinator;
  private final Duration reconcileAfter;
  private final int batch;
  private final Duration deadline;
  private final Supplier<Instant> now;

  /**
   * Creates the reconciler.
   *
   * @param numcli the régie; other régies' payments in a shared ledger are left alone
   * @param ledger the ledger
   * @param settler settles each payment
   * @param coordinator retries the fulfilments
   * @param reconcileAfter how old a pending payment must be before it is looked up
   * @param batch the most payments looked up, and fulfilled, per run and per kind
   * @param deadline the longest time one run may spend looking payments up
   * @param now the clock, at the ledger's precision
   */
  public Reconciler(
      String numcli,
      PaymentLedger ledger,
      PaymentSettler settler,
      FulfilmentCoordinator coordinator,
      Duration reconcileAfter,
      int batch,
      Duration deadline,
      Supplier<Instant> now) {
    this.numcli = Objects.requireNonNull(numcli, "numcli");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.settler = Objects.requireNonNull(settler, "settler");
    this.coordinator = Objects.requireNonNull(coordinator, "coordinator");
    this.reconcileAfter = Objects.requireNonNull(reconcileAfter, "reconcileAfter");
    this.batch = batch;
    this.deadline = Objects.requireNonNull(deadline, "deadline");
    this.now = Objects.requireNonNull(now, "now");
  }

  /**
   * Creates a single-thread daemon scheduler, for a caller that owns it (and shuts it down).
   *
   * @param threadName the thread's name
   * @return the scheduler
   */
  public static ScheduledExecutorService newDaemonScheduler(String threadName) {
    return Executors.newSingleThreadScheduledExecutor(
        r -> {
          Thread t = new Thread(r, threadName);
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Runs {@link #run()} on a scheduler at a fixed delay; a failed run is logged, never thrown (the
   * next run retries).
   *
   * @param scheduler the scheduler, owned by the caller
   * @param every the delay between two runs
   * @return the scheduled task
   */
  public ScheduledFuture<?> scheduleOn(ScheduledExecutorService scheduler, Duration every) {
    long period = every.toMillis();
    return scheduler.scheduleWithFixedDelay(
        this::runQuietly, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * One reconciliation run.
   *
   * @return what the run did
   */
  public ReconciliationResult run() {
    Run run = new Run(System.nanoTime() + deadline.toNanos());
    Instant start = now.get();
    lookUp(run, ledger.findByState(PaymentState.PENDING, start.minus(reconcileAfter), batch));
    if (!run.interrupted) {
      lookUp(run, ledger.findDueForRecheck(numcli, now.get(), batch));
    }
    for (Payment p : ledger.findClaimableFulfilments(now.get(), batch)) {
      if (!p.numcli().equals(numcli) || run.attempted.contains(p.idOp())) {
        continue; // another régie's (its own Payments fulfils it), or tried above
      }
      run.count(coordinator.fulfil(p));
    }
    return new ReconciliationResult(
        run.examined,
        run.settled,
        run.paid,
        run.stillPending,
        run.errors,
        run.interrupted,
        run.fulfilled,
        run.fulfilmentFailures);
  }

  private void lookUp(Run run, List<Payment> payments) {
    for (Payment p : payments) {
      if (!p.numcli().equals(numcli)) {
        continue; // another régie's, sharing the ledger
      }
      if (run.examined > 0 && System.nanoTime() - run.deadlineNanos >= 0) {
        run.interrupted = true;
        log.warn("PayFiP reconciliation run deadline of {} reached; the rest waits", deadline);
        return;
      }
      run.examined++;
      try {
        Outcome outcome = settler.reconcile(p);
        run.consecutiveTimeouts = 0;
        if (outcome.fulfilment() != Fulfilment.NONE) {
          run.attempted.add(p.idOp()); // a listener that just failed waits for the next run
        }
        run.count(outcome.fulfilment());
        if (outcome.changed()) {
          run.settled++;
          if (outcome.payment().state() == PaymentState.PAID) {
            run.paid++;
          }
        } else if (outcome.payment().state() == PaymentState.PENDING) {
          run.stillPending++;
        }
      } catch (PayfipFunctionalException e) {
        run.errors++;
        log.warn("PayFiP reconciliation of {} refused: {}", p.idOp(), e.getMessage());
        settler.spaceOut(p);
      } catch (SocleTimeoutException e) {
        // One stuck lookup must not hold the others: skip it, the next run retries it.
        run.errors++;
        log.warn("PayFiP lookup of {} timed out; retried next run", p.idOp());
        if (++run.consecutiveTimeouts >= MAX_CONSECUTIVE_TIMEOUTS) {
          run.interrupted = true;
          log.warn(
              "PayFiP reconciliation stopped after {} timeouts in a row", MAX_CONSECUTIVE_TIMEOUTS);
          return;
        }
      } catch (SocleException e) {
        // Technical fault, I/O error, open breaker, garbage: PayFiP looks unavailable, and the
        // DGFiP asks to space retries after a technical error. Stop this run.
        run.errors++;
        run.interrupted = true;
        log.warn("PayFiP reconciliation stopped, PayFiP unavailable: {}", e.getMessage());
        return;
      }
    }
  }

  private void runQuietly() {
    try {
      ReconciliationResult r = run();
      log.debug("PayFiP reconciliation: {}", r);
    } catch (RuntimeException e) {
      log.warn("PayFiP reconciliation failed: {}", e.getClass().getName());
    }
  }

  /** One reconciliation run's counters. */
  private static final class Run {
    final long deadlineNanos;
    final Set<String> attempted = new HashSet<>();
    int examined;
    int settled;
    int paid;
    int stillPending;
    int errors;
    int fulfilled;
    int fulfilmentFailures;
    int consecutiveTimeouts;
    boolean interrupted;

    Run(long deadlineNanos) {
      this.deadlineNanos = deadlineNanos;
    }

    void count(Fulfilment f) {
      if (f == Fulfilment.DONE) {
        fulfilled++;
      } else if (f == Fulfilment.FAILED) {
        fulfilmentFailures++;
      }
    }
  }
}
