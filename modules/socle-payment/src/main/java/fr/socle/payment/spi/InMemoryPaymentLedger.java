package fr.socle.payment.spi;

import fr.socle.core.SocleClientException;
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
    boolean[] won = new boolean[1];
    payments.computeIfPresent(
        t.idOp(),
        (id, p) -> {
          if (!t.from().contains(p.state())) {
            return p;
          }
          won[0] = true;
          return t.applyTo(p);
        });
    return won[0];
  }

  @Override
  public List<Payment> findByState(PaymentState state, Instant createdBefore, int limit) {
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
  public String toString() {
    return "InMemoryPaymentLedger[" + payments.size() + " payments]";
  }
}
