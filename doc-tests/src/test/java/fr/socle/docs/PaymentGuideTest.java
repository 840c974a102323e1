package fr.socle.docs;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.core.SocleException;
import fr.socle.payment.Debt;
import fr.socle.payment.Payment;
import fr.socle.payment.PaymentState;
import fr.socle.payment.Payments;
import fr.socle.payment.Saisie;
import fr.socle.payment.StartedPayment;
import fr.socle.payment.jdbc.JdbcPaymentLedger;
import fr.socle.payment.payfip.PayfipClient;
import fr.socle.payment.payfip.PayfipClientDetail;
import fr.socle.payment.spi.PaymentLedger;
import fr.socle.testkit.payfip.Misbehaviour;
import fr.socle.testkit.payfip.Outcome;
import fr.socle.testkit.payfip.PayfipSimulator;
import fr.socle.testkit.payfip.PayfipSimulatorExtension;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The examples of docs/payment.md, run against the PayFiP simulator with an H2 ledger: the client
 * is configured as shown, then pointed at the simulator instead of PayFiP.
 */
class PaymentGuideTest {
  private static final Logger log = LoggerFactory.getLogger(PaymentGuideTest.class);

  @RegisterExtension
  final PayfipSimulatorExtension simulator =
      new PayfipSimulatorExtension(
          PayfipSimulator.builder()
              .client("006270", "MAIRIE DE DEMO", "REGIE CANTINE", "BUDGET PRINCIPAL"));

  /** Stands for the application's invoices. */
  static final class Invoices {
    final List<String> paid = new ArrayList<>();

    void markPaid(String refdet, long amountCents) {
      paid.add(refdet + " " + amountCents);
    }
  }

  /** Stands for the servlet request: its parameters. */
  record Request(Map<String, String[]> getParameterMap) {}

  /** Stands for the servlet response: where the browser is sent, the status. */
  static final class Response {
    String redirect;
    int status;

    void sendRedirect(String location) {
      redirect = location;
    }

    void setStatus(int code) {
      status = code;
    }
  }

  final List<String> pages = new ArrayList<>();

  void showReceipt(Payment payment) {
    pages.add("receipt " + payment.refdet());
  }

  void showProcessing() {
    pages.add("processing");
  }

  void offerToRetry() {
    pages.add("retry");
  }

  void showContactUs() {
    pages.add("contact us");
  }

  @Test
  void fromZeroToAPayment() {
    PayfipSimulator sim = simulator.simulator();
    // The simulator would notify mairie.example: the notification is delivered by hand below.
    sim.misbehave(Misbehaviour.dropNotification());

    // snippet: payment-client
    PayfipClient payfip = PayfipClient.builder().build(); // https://www.payfip.gouv.fr/tpa/...
    // end snippet
    payfip.close();
    payfip =
        PayfipClient.builder()
            .endpoint(sim.soapEndpoint())
            .paymentPage(sim.paymentPageUrl())
            .build();
    // snippet: payment-client-check
    payfip.clientDetail("006270"); // recupererDetailClient: fails fast on a bad numcli
    // end snippet
    PayfipClientDetail detail = payfip.clientDetail("006270");
    assertThat(detail.libelleN1()).isEqualTo("MAIRIE DE DEMO");

    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    DataSource dataSource = h2; // a pool (HikariCP...) on PostgreSQL in production
    // snippet: payment-ledger
    PaymentLedger ledger = JdbcPaymentLedger.create(dataSource); // creates or migrates the schema
    // end snippet

    Invoices invoices = new Invoices();
    // snippet: payment-payments
    Payments payments =
        Payments.builder()
            .client(payfip)
            .ledger(ledger)
            .numcli("006270")
            .notificationUrl(URI.create("https://mairie.example/payfip/notification")) // urlnotif
            .returnUrl(URI.create("https://mairie.example/payfip/retour")) // urlredirect
            .saisie(Saisie.TEST)
            .listener(payment -> invoices.markPaid(payment.refdet(), payment.amountCents()))
            .reconcileEvery(Duration.ofMinutes(10))
            .build();
    // end snippet

    String citizenEmail = "parent@example.org";
    Response response = new Response();
    // snippet: payment-create
    StartedPayment started =
        payments.create(
            new Debt("FACT2026000123", 4250, "Cantine de décembre", citizenEmail)); // 42.50 €
    response.sendRedirect(started.redirectUrl().toString()); // .../tpa/paiementws.web?idop=...
    // end snippet
    assertThat(response.redirect).isEqualTo(sim.paymentPageUrl(started.idOp()).toString());

    // The payer pays; PayFiP calls the notification URL, then the browser comes back.
    sim.complete(started.idOp(), Outcome.CARD_PAID);
    Request request = new Request(Map.of("idop", new String[] {started.idOp()}));

    // snippet: payment-notification
    // notification endpoint, GET and POST
    Payments.idOpFrom(request.getParameterMap())
        .ifPresent(
            idOp -> {
              try {
                payments.onNotification(idOp);
              } catch (SocleException e) { // reconciliation will settle it
                log.warn("PayFiP notification not processed: {}", e.getMessage());
              }
            });
    response.setStatus(200); // always: PayFiP does not retry anyway
    // end snippet
    assertThat(invoices.paid).containsExactly("FACT2026000123 4250");

    // snippet: payment-return
    // return page
    String idOp = Payments.idOpFrom(request.getParameterMap()).orElseThrow(); // none: answer 400
    Payment payment = payments.onReturn(idOp);
    switch (payment.state()) {
      case PAID -> showReceipt(payment);
      case PENDING -> showProcessing(); // PayFiP does not know yet; refresh later
      case REFUSED, ABANDONED, EXPIRED -> offerToRetry(); // retry = payments.create(...) again
      case REVIEW -> showContactUs();
    }
    // end snippet
    assertThat(payment.state()).isEqualTo(PaymentState.PAID);
    assertThat(pages).containsExactly("receipt FACT2026000123");
    assertThat(invoices.paid).as("the listener runs once").hasSize(1);
    payments.close();
    payfip.close();
  }
}
