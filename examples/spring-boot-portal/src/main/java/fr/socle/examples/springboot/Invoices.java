package fr.socle.examples.springboot;

import fr.socle.payment.Payment;
import fr.socle.payment.PaymentListener;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The portal's business side of a payment: marks the invoice paid. Called exactly once per paid
 * payment by Socle, whether PayFiP notified, the payer came back, or the reconciliation found it.
 */
@Component
public class Invoices implements PaymentListener {
  private final Set<String> paidRefdets = ConcurrentHashMap.newKeySet();

  @Override
  public void onPaid(Payment payment) {
    paidRefdets.add(payment.refdet());
  }

  /**
   * Says whether an invoice is paid.
   *
   * @param refdet the invoice reference
   * @return true once paid
   */
  public boolean isPaid(String refdet) {
    return paidRefdets.contains(refdet);
  }
}
