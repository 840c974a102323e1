package fr.socle.spring.boot.autoconfigure;

import fr.socle.payment.Payment;
import fr.socle.payment.PaymentListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * Counts the fulfilments the application's listener was asked for ({@code
 * socle.payments.fulfilments}, tag {@code outcome}: {@code paid}, {@code review} or {@code
 * double-payment}) and whether the listener failed ({@code result}: {@code ok} or {@code error}),
 * then delegates. A listener that fails is retried by {@code Payments}; the count shows it.
 */
final class MeteredPaymentListener implements PaymentListener {

  private final PaymentListener delegate;
  private final MeterRegistry registry;

  MeteredPaymentListener(PaymentListener delegate, MeterRegistry registry) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void onPaid(Payment payment) {
    observe("paid", () -> delegate.onPaid(payment));
  }

  @Override
  public void onReview(Payment payment) {
    observe("review", () -> delegate.onReview(payment));
  }

  @Override
  public void onDoublePayment(Payment payment) {
    observe("double-payment", () -> delegate.onDoublePayment(payment));
  }

  private void observe(String outcome, Runnable call) {
    String result = "error";
    try {
      call.run();
      result = "ok";
    } finally {
      counter(outcome, result).increment();
    }
  }

  private Counter counter(String outcome, String result) {
    return Counter.builder(SocleMetricsAutoConfiguration.PAYMENT_FULFILMENTS)
        .description("Calls of the application's payment listener")
        .tag("outcome", outcome)
        .tag("result", result)
        .register(registry);
  }

  @Override
  public String toString() {
    return "MeteredPaymentListener[" + delegate + "]";
  }
}
