package fr.socle.docs.springboot;

import fr.socle.payment.Payment;
import fr.socle.payment.PaymentListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

// snippet: spring-boot-invoices
@Component
class Invoices implements PaymentListener {
  final List<String> paid = new CopyOnWriteArrayList<>(); // stands for the invoices table

  @Override
  public void onPaid(Payment payment) {
    paid.add(payment.refdet()); // mark the invoice payment.refdet() paid
  }
}
// end snippet
