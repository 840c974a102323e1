package fr.socle.spring.boot.autoconfigure;

import fr.socle.payment.Payment;
import fr.socle.payment.PaymentState;
import fr.socle.payment.StateTotal;
import fr.socle.payment.spi.FulfilmentRecord;
import fr.socle.payment.spi.PaymentLedger;
import fr.socle.payment.spi.StateTransition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Counts the payments that enter each state on this node ({@code socle.payments}, tag {@code
 * state}): every payment created, then every transition a ledger accepted. A transition another
 * node won is not counted here, so the sum over the nodes is the total. Tags hold the state only,
 * never an idOp, a debt reference or an amount. Everything else is delegated unchanged.
 */
final class MeteredPaymentLedger implements PaymentLedger {

  private final PaymentLedger delegate;
  private final Map<PaymentState, Counter> entered = new EnumMap<>(PaymentState.class);

  MeteredPaymentLedger(PaymentLedger delegate, MeterRegistry registry) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    for (PaymentState state : PaymentState.values()) {
      entered.put(
          state,
          Counter.builder(SocleMetricsAutoConfiguration.PAYMENTS)
              .description("Payments that entered a state on this node")
              .tag("state", state.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
  }

  @Override
  public void insert(Payment payment) {
    delegate.insert(payment);
    entered.get(payment.state()).increment();
  }

  @Override
  public boolean transition(StateTransition transition) {
    boolean applied = delegate.transition(transition);
    if (applied) {
      entered.get(transition.to()).increment();
    }
    return applied;
  }

  @Override
  public Optional<Payment> find(String idOp) {
    return delegate.find(idOp);
  }

  @Override
  public List<Payment> findDueForRecheck(String numcli, Instant now, int limit) {
    return delegate.findDueForRecheck(numcli, now, limit);
  }

  @Override
  public void scheduleRecheck(String idOp, PaymentState state, Optional<Instant> at) {
    delegate.scheduleRecheck(idOp, state, at);
  }

  @Override
  public StateTotal reviewTotal(String numcli, String reviewReason, Instant from, Instant to) {
    return delegate.reviewTotal(numcli, reviewReason, from, to);
  }

  @Override
  public List<Payment> findByState(PaymentState state, Instant createdBefore, int limit) {
    return delegate.findByState(state, createdBefore, limit);
  }

  @Override
  public List<Payment> findByRefdet(String numcli, String refdet) {
    return delegate.findByRefdet(numcli, refdet);
  }

  @Override
  public List<StateTotal> totals(String numcli, Instant from, Instant to) {
    return delegate.totals(numcli, from, to);
  }

  @Override
  public boolean claimFulfilment(String idOp, String claimId, Instant now, Instant until) {
    return delegate.claimFulfilment(idOp, claimId, now, until);
  }

  @Override
  public boolean completeFulfilment(String idOp, String claimId, Instant at) {
    return delegate.completeFulfilment(idOp, claimId, at);
  }

  @Override
  public Set<String> completeFulfilments(List<FulfilmentRecord> records) {
    return delegate.completeFulfilments(records);
  }

  @Override
  public void releaseFulfilment(String idOp, String claimId) {
    delegate.releaseFulfilment(idOp, claimId);
  }

  @Override
  public Optional<Instant> fulfilledAt(String idOp) {
    return delegate.fulfilledAt(idOp);
  }

  @Override
  public List<Payment> findAwaitingFulfilment(int limit) {
    return delegate.findAwaitingFulfilment(limit);
  }

  @Override
  public List<Payment> findClaimableFulfilments(Instant now, int limit) {
    return delegate.findClaimableFulfilments(now, limit);
  }

  @Override
  public String toString() {
    return "MeteredPaymentLedger[" + delegate + "]";
  }
}
