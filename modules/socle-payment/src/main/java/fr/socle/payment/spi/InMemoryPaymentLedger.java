package fr.socle.payment.spi;

import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleClientException;
import fr.socle.payment.DebtAlreadyPaidException;
import fr.socle.payment.Payment;
import fr.socle.payment.PaymentState;
import fr.socle.payment.StateTotal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A ledger held in this process's memory: for tests, demos and single-node applications that accept
 * losing pending payments on restart. Transitions are atomic per payment ({@link
 * ConcurrentHashMap#computeIfPresent}); several nodes need a shared ledger such as {@code
 * JdbcPaymentLedger}.
 *
 * <p>Thread-safe.
 */
public final class InMemoryPaymentLedger implements PaymentLedger {
  private final ConcurrentHashMap<String, Payment> payments = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Fulfilment> fulfilments = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Instant> rechecks = new ConcurrentHashMap<>();

  /** Serialises transitions to PAID, so that a debt is paid once. */
  private final Object paidLock = new Object();

  /** Fulfilment bookkeeping of one payment: done time, or current claim. */
  private record Fulfilment(Instant doneAt, String claimId, Instant claimedUntil) {}

  /** Creates an empty ledger. */
  public InMemoryPaymentLedger() {}

  @Override
  public void insert(Payment payment) {
    Objects.requireNonNull(payment, "payment");
    if (payments.putIfAbsent(payment.idOp(), payment) != null) {
      throw new SocleClientException("a payment with this operation id is already recorded");
    }
  }

  @Override
  public Optional<Payment> find(String idOp) {
    return Optional.ofNullable(payments.get(idOp));
  }

  @Override
  public boolean transition(StateTransition t) {
    Objects.requireNonNull(t, "transition");
    if (t.to() != PaymentState.PAID) {
      return apply(t);
    }
    synchronized (paidLock) {
      Payment current = payments.get(t.idOp());
      if (current == null || !t.from().contains(current.state())) {
        return false;
      }
      for (Payment other : payments.values()) {
        if (other.state() == PaymentState.PAID
            && !other.idOp().equals(t.idOp())
            && other.numcli().equals(current.numcli())
            && other.refdet().equals(current.refdet())) {
          throw new DebtAlreadyPaidException(
              "debt " + current.refdet() + " of numcli " + current.numcli() + " is already paid");
        }
      }
      return apply(t);
    }
  }

  private boolean apply(StateTransition t) {
    boolean[] won = new boolean[1];
    payments.computeIfPresent(
        t.idOp(),
        (id, p) -> {
          if (!t.from().contains(p.state())) {
            return p;
          }
          won[0] = true;
          // Claim and re-check are recorded before the new state becomes visible: no other
          // thread can see the payment PAID without its claim.
          t.claim()
              .ifPresent(c -> fulfilments.put(id, new Fulfilment(null, c.claimId(), c.until())));
          if (t.recheckAt().isPresent()) {
            rechecks.put(id, t.recheckAt().get());
          } else {
            rechecks.remove(id);
          }
          return t.applyTo(p);
        });
    return won[0];
  }

  @Override
  public List<Payment> findDueForRecheck(String numcli, Instant now, int limit) {
    Objects.requireNonNull(now, "now");
    if (limit < 1) {
      throw new InvalidInputException("limit must be positive");
    }
    return payments.values().stream()
        .filter(p -> p.numcli().equals(numcli))
        .filter(p -> p.state() == PaymentState.EXPIRED || p.state() == PaymentState.ABANDONED)
        .filter(p -> rechecks.containsKey(p.idOp()) && !rechecks.get(p.idOp()).isAfter(now))
        .sorted(Comparator.comparing(p -> rechecks.getOrDefault(p.idOp(), Instant.MAX)))
        .limit(limit)
        .collect(Collectors.toList());
  }

  @Override
  public void scheduleRecheck(String idOp, PaymentState state, Optional<Instant> at) {
    Objects.requireNonNull(at, "at");
    payments.computeIfPresent(
        idOp,
        (id, p) -> {
          if (p.state() == state) {
            if (at.isPresent()) {
              rechecks.put(id, at.get());
            } else {
              rechecks.remove(id);
            }
          }
          return p;
        });
  }

  @Override
  public StateTotal reviewTotal(String numcli, String reviewReason, Instant from, Instant to) {
    long count = 0;
    long cents = 0;
    for (Payment p : payments.values()) {
      if (p.numcli().equals(numcli)
          && p.state() == PaymentState.REVIEW
          && p.reviewReason().filter(reviewReason::equals).isPresent()
          && !p.createdAt().isBefore(from)
          && p.createdAt().isBefore(to)) {
        count++;
        cents += p.amountCents();
      }
    }
    return new StateTotal(PaymentState.REVIEW, count, cents);
  }

  @Override
  public List<Payment> findByState(PaymentState state, Instant createdBefore, int limit) {
    if (limit < 1) {
      throw new InvalidInputException("limit must be positive");
    }
    return payments.values().stream()
        .filter(p -> p.state() == state && p.createdAt().isBefore(createdBefore))
        .sorted(Comparator.comparing(Payment::createdAt))
        .limit(limit)
        .collect(Collectors.toList());
  }

  @Override
  public List<Payment> findByRefdet(String numcli, String refdet) {
    return payments.values().stream()
        .filter(p -> p.numcli().equals(numcli) && p.refdet().equals(refdet))
        .collect(Collectors.toList());
  }

  @Override
  public List<StateTotal> totals(String numcli, Instant from, Instant to) {
    Map<PaymentState, long[]> sums = new EnumMap<>(PaymentState.class);
    for (Payment p : payments.values()) {
      if (p.numcli().equals(numcli)
          && !p.createdAt().isBefore(from)
          && p.createdAt().isBefore(to)) {
        long[] s = sums.computeIfAbsent(p.state(), k -> new long[2]);
        s[0]++;
        s[1] += p.amountCents();
      }
    }
    List<StateTotal> out = new ArrayList<>();
    sums.forEach((state, s) -> out.add(new StateTotal(state, s[0], s[1])));
    return out;
  }

  @Override
  public boolean claimFulfilment(String idOp, String claimId, Instant now, Instant until) {
    Objects.requireNonNull(claimId, "claimId");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(until, "until");
    Payment p = payments.get(idOp);
    if (p == null || !needsFulfilment(p.state())) {
      return false;
    }
    boolean[] won = new boolean[1];
    fulfilments.compute(
        idOp,
        (id, f) -> {
          if (f != null
              && (f.doneAt() != null
                  || (f.claimedUntil() != null && f.claimedUntil().isAfter(now)))) {
            return f;
          }
          won[0] = true;
          return new Fulfilment(null, claimId, until);
        });
    return won[0];
  }

  @Override
  public boolean completeFulfilment(String idOp, String claimId, Instant at) {
    Objects.requireNonNull(at, "at");
    if (!payments.containsKey(idOp)) {
      return false;
    }
    boolean[] won = new boolean[1];
    fulfilments.compute(
        idOp,
        (id, f) -> {
          if (f != null && f.doneAt() != null) {
            return f;
          }
          won[0] = true;
          return new Fulfilment(at, null, null);
        });
    return won[0];
  }

  @Override
  public void releaseFulfilment(String idOp, String claimId) {
    fulfilments.computeIfPresent(
        idOp,
        (id, f) ->
            f.doneAt() == null && Objects.equals(f.claimId(), claimId)
                ? new Fulfilment(null, null, null)
                : f);
  }

  @Override
  public Optional<Instant> fulfilledAt(String idOp) {
    Fulfilment f = fulfilments.get(idOp);
    return f == null ? Optional.empty() : Optional.ofNullable(f.doneAt());
  }

  @Override
  public List<Payment> findAwaitingFulfilment(int limit) {
    return awaiting(null, limit);
  }

  @Override
  public List<Payment> findClaimableFulfilments(Instant now, int limit) {
    return awaiting(Objects.requireNonNull(now, "now"), limit);
  }

  private List<Payment> awaiting(Instant claimableAt, int limit) {
    if (limit < 1) {
      throw new InvalidInputException("limit must be positive");
    }
    return payments.values().stream()
        .filter(p -> needsFulfilment(p.state()))
        .filter(
            p -> {
              Fulfilment f = fulfilments.get(p.idOp());
              if (f == null) {
                return true;
              }
              if (f.doneAt() != null) {
                return false;
              }
              return claimableAt == null
                  || f.claimedUntil() == null
                  || !f.claimedUntil().isAfter(claimableAt);
            })
        .sorted(Comparator.comparing(Payment::updatedAt))
        .limit(limit)
        .collect(Collectors.toList());
  }

  private static boolean needsFulfilment(PaymentState state) {
    return state == PaymentState.PAID || state == PaymentState.REVIEW;
  }

  @Override
  public String toString() {
    return "InMemoryPaymentLedger[" + payments.size() + " payments]";
  }
}
