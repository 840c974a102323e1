package fr.socle.docs.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.payment.Debt;
import fr.socle.payment.Payments;
import fr.socle.payment.StartedPayment;
import fr.socle.spring.boot.autoconfigure.test.AutoConfigureSocleSimulators;
import fr.socle.testkit.payfip.Completion;
import fr.socle.testkit.payfip.Outcome;
import fr.socle.testkit.payfip.PayfipSimulator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * docs/spring-boot.md's {@code Invoices} listener, called once PayFiP's notification reaches the
 * starter's endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureSocleSimulators
class PaymentListenerTest {
  @Autowired PayfipSimulator payfip;
  @Autowired Payments payments;
  @Autowired Invoices invoices;

  @Test
  void paidInvoice_isFulfilledByTheListener() {
    StartedPayment started =
        payments.create(new Debt("FACT2026000123", 4250, "Cantine", "parent@example.org"));
    Completion paid = payfip.complete(started.idOp(), Outcome.CARD_PAID);
    assertThat(paid.notifications()).isNotEmpty();
    assertThat(invoices.paid).containsExactly("FACT2026000123");
  }
}
