package fr.socle.payment.internal;

import fr.socle.payment.Payment;
import fr.socle.payment.PaymentState;
import fr.socle.payment.UnknownPaymentException;
import fr.socle.payment.internal.FulfilmentCoordinator.Outcome;
import fr.socle.payment.payfip.PayfipClient;
import fr.socle.payment.payfip.PayfipFunctionalException;
import fr.socle.payment.payfip.PayfipPaymentDetail;
import fr.socle.payment.spi.PaymentLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles one payment: asks PayFiP for its result (one lookup per operation id at a time on this
 * node, duplicates wait for it), takes the {@link Settlement} decision and hands it to the {@link
 * FulfilmentCoordinator}. Used by notifications, returns and the reconciliation alike. Thread-safe.
 */
public final class PaymentSettler {
  private static final Logger log = LoggerFactory.getLogger(PaymentSettler.class);

  private final PayfipClient client;
  private final PaymentLedger ledger;
  private final FulfilmentCoordinator coordinator;
  private final Duration pendingTimeout;
  private final RecheckPolicy recheck;
  private final Supplier<Instant> now;
  private final ConcurrentHashMap<String, CompletableFuture<Payment>> inFlight =
      new ConcurrentHashMap<>();

  /**
   * Creates the settler.
   *
   * @param client the PayFiP client
   * @param ledger the ledger
   * @param coordinator applies the decisions
   * @param pendingTimeout how long a payment may stay without result before it expires
   * @param recheck the re-check policy
   * @param now the clock, at the ledger's precision
   */
  public PaymentSettler(
      PayfipClient client,
      PaymentLedger ledger,
      FulfilmentCoordinator coordinator,
      Duration pendingTimeout,
      RecheckPolicy recheck,
      Supplier<Instant> now) {
    this.client = Objects.requireNonNull(client, "client");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.coordinator = Objects.requireNonNull(coordinator, "coordinator");
    this.pendingTimeout = Objects.requireNonNull(pendingTimeout, "pendingTimeout");
    this.recheck = Objects.requireNonNull(recheck, "recheck");
    this.now = Objects.requireNonNull(now, "now");
  }

  /**
   * Settles a payment named by a notification or a return.
   *
   * @param rawIdOp the operation id as received
   * @return the payment after processing
   * @throws UnknownPaymentException if the id is malformed or not in the ledger
   */
  public Payment settle(String rawIdOp) {
    if (!IdOps.isWellFormed(rawIdOp)) {
      throw new UnknownPaymentException("malformed PayFiP operation id");
    }
    String idOp = IdOps.canonical(rawIdOp);
    return coalesced(
            idOp,
            () -> {
              // Read inside the coalesced section: a duplicate arriving just after a settlement
              // reads the final state and asks PayFiP nothing.
              Payment p =
                  ledger
                      .find(idOp)
                      .orElseThrow(
                          () ->
                              new UnknownPaymentException(
                                  "no payment recorded for operation " + idOp));
              if (p.state().isFinal()) {
                return Outcome.unchanged(p);
              }
              return apply(p);
            })
        .payment();
  }

  /**
   * Reconciliation: looks a payment up, applies the result, and plans the next re-check of a
   * payment still open.
   *
   * @param p the ledger's row
   * @return the outcome
   */
  public Outcome reconcile(Payment p) {
    return coalesced(p.idOp(), () -> applyAndReschedule(p));
  }

  /**
   * Spaces out the re-checks of an expired or abandoned payment PayFiP refused to look up (an
   * answer that will not change by itself).
   *
   * @param p the ledger's row
   */
  public void spaceOut(Payment p) {
    if (p.state() == PaymentState.EXPIRED || p.state() == PaymentState.ABANDONED) {
      ledger.scheduleRecheck(p.idOp(), p.state(), recheck.next(p, now.get()));
    }
  }

  /**
   * Runs {@code work} for an operation id unless the same id is already being processed on this
   * node, in which case it waits for that result (a storm of duplicate notifications makes one
   * lookup, not one per thread). The wait is bounded by the lookup's own deadline.
   */
  private Outcome coalesced(String idOp, Supplier<Outcome> work) {
    CompletableFuture<Payment> mine = new CompletableFuture<>();
    CompletableFuture<Payment> running = inFlight.putIfAbsent(idOp, mine);
    if (running != null) {
      try {
        return Outcome.unchanged(running.join());
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException) {
          throw (RuntimeException) e.getCause();
        }
        throw e;
      }
    }
    try {
      Outcome outcome = work.get();
      mine.complete(outcome.payment());
      return outcome;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(idOp, mine);
    }
  }

  private Outcome applyAndReschedule(Payment p) {
    Outcome outcome = apply(p);
    Payment after = outcome.payment();
    if (!outcome.changed()
        && (after.state() == PaymentState.EXPIRED || after.state() == PaymentState.ABANDONED)
        && !outcome.forgotten()) {
      ledger.scheduleRecheck(after.idOp(), after.state(), recheck.next(after, now.get()));
    }
    return outcome;
  }

  private Outcome apply(Payment p) {
    Instant at = now.get();
    boolean timedOut = !at.isBefore(p.createdAt().plus(pendingTimeout));
    Settlement.Decision decision;
    try {
      PayfipPaymentDetail d = client.paymentDetail(p.idOp());
      decision = Settlement.onDetail(p, d, at, timedOut, recheck);
    } catch (PayfipFunctionalException e) {
      Optional<Settlement.Decision> handled = Settlement.onFault(p, e, at, timedOut, recheck);
      if (handled.isEmpty()) {
        throw e;
      }
      decision = handled.get();
    }
    switch (decision.kind()) {
      case KEEP:
        return Outcome.unchanged(p);
      case FORGET:
        ledger.scheduleRecheck(p.idOp(), p.state(), Optional.empty());
        return new Outcome(p, false, FulfilmentCoordinator.Fulfilment.NONE, true);
      default:
        decision
            .reviewReason()
            .ifPresent(r -> log.warn("PayFiP result for {} flagged for review: {}", p.idOp(), r));
        return coordinator.move(p, decision, at);
    }
  }
}
