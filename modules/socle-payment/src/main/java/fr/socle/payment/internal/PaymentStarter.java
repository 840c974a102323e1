package fr.socle.payment.internal;

import fr.socle.payment.Debt;
import fr.socle.payment.DebtAlreadyPaidException;
import fr.socle.payment.Payment;
import fr.socle.payment.PaymentState;
import fr.socle.payment.Saisie;
import fr.socle.payment.StartedPayment;
import fr.socle.payment.payfip.PayfipClient;
import fr.socle.payment.payfip.PayfipPaymentRequest;
import fr.socle.payment.spi.PaymentLedger;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts payments: refuses a debt already paid, creates the PayFiP operation, and records it as
 * PENDING before the payer is sent anywhere. Thread-safe.
 */
public final class PaymentStarter {
  private static final Logger log = LoggerFactory.getLogger(PaymentStarter.class);

  private final PayfipClient client;
  private final PaymentLedger ledger;
  private final String numcli;
  private final URI notificationUrl;
  private final URI returnUrl;
  private final Saisie saisie;
  private final Supplier<Instant> now;

  /**
   * Creates the starter.
   *
   * @param client the PayFiP client
   * @param ledger the ledger
   * @param numcli the régie
   * @param notificationUrl PayFiP's {@code urlnotif}
   * @param returnUrl PayFiP's {@code urlredirect}
   * @param saisie the mode
   * @param now the clock, at the ledger's precision
   */
  public PaymentStarter(
      PayfipClient client,
      PaymentLedger ledger,
      String numcli,
      URI notificationUrl,
      URI returnUrl,
      Saisie saisie,
      Supplier<Instant> now) {
    this.client = Objects.requireNonNull(client, "client");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.numcli = Objects.requireNonNull(numcli, "numcli");
    this.notificationUrl = Objects.requireNonNull(notificationUrl, "notificationUrl");
    this.returnUrl = Objects.requireNonNull(returnUrl, "returnUrl");
    this.saisie = Objects.requireNonNull(saisie, "saisie");
    this.now = Objects.requireNonNull(now, "now");
  }

  /**
   * Starts a payment (see {@code Payments.create}).
   *
   * @param debt what is owed
   * @return the recorded payment and the URL to send the payer to
   */
  public StartedPayment start(Debt debt) {
    Instant at = now.get();
    int exer = at.atZone(ParisTime.PARIS).getYear();
    PayfipPaymentRequest request =
        new PayfipPaymentRequest(
            numcli,
            exer,
            debt.refdet(),
            debt.label(),
            debt.amountCents(),
            debt.payerEmail(),
            notificationUrl,
            returnUrl,
            saisie);
    for (Payment previous : ledger.findByRefdet(numcli, request.refdet())) {
      if (previous.state() == PaymentState.PAID) {
        throw new DebtAlreadyPaidException(
            "debt " + request.refdet() + " of numcli " + numcli + " is already paid");
      }
    }
    String idOp = client.createPayment(request);
    Payment payment =
        Payment.pending(
            idOp,
            numcli,
            request.refdet(),
            exer,
            request.amountCents(),
            request.objet(),
            request.mel(),
            saisie,
            at);
    ledger.insert(payment);
    log.debug("payment {} created for refdet {}", idOp, request.refdet());
    return new StartedPayment(payment, client.paymentPageUrl(idOp));
  }
}
