package fr.socle.testkit.contract;

import fr.socle.payment.spi.InMemoryPaymentLedger;
import fr.socle.payment.spi.PaymentLedger;

class InMemoryPaymentLedgerContractTest extends PaymentLedgerContract {
  @Override
  protected PaymentLedger createLedger() {
    return new InMemoryPaymentLedger();
  }
}
