package fr.socle.docs;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.core.Secret;
import fr.socle.onceonly.ApiEntrepriseClient;
import fr.socle.onceonly.Traceability;
import fr.socle.payment.Debt;
import fr.socle.payment.PaymentState;
import fr.socle.payment.Payments;
import fr.socle.payment.Saisie;
import fr.socle.payment.StartedPayment;
import fr.socle.payment.payfip.PayfipClient;
import fr.socle.payment.spi.InMemoryPaymentLedger;
import fr.socle.testkit.onceonly.OnceOnlySimulator;
import fr.socle.testkit.onceonly.OnceOnlySimulatorExtension;
import fr.socle.testkit.payfip.Misbehaviour;
import fr.socle.testkit.payfip.Outcome;
import fr.socle.testkit.payfip.PayfipSimulator;
import fr.socle.testkit.payfip.PayfipSimulatorExtension;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The examples of docs/testkit.md on the PayFiP and once-only simulators, run (the FranceConnect
 * simulator's are in {@link TestkitFranceConnectGuideTest}).
 */
class TestkitGuideTest {
  /** Stands for the reader's application: remembers where its PayFiP client was pointed. */
  static final class Application {
    final List<URI> payfipEndpoints = new ArrayList<>();

    void usePayfip(URI soapEndpoint) {
      payfipEndpoints.add(soapEndpoint);
    }
  }

  @Nested
  // snippet: testkit-payfip-junit
  class CheckoutTest {
    final Clock clock = Clock.fixed(Instant.parse("2026-11-29T09:00:00Z"), ZoneOffset.UTC);

    // On an instance field: a fresh simulator for each test. On a static field: one per class.
    @RegisterExtension
    final PayfipSimulatorExtension payfip =
        new PayfipSimulatorExtension(
            PayfipSimulator.builder()
                .client("006270", "MAIRIE DE DEMO", "REGIE CANTINE", "BUDGET PRINCIPAL")
                .clock(clock));

    @Test
    void invoice_isPaid() {
      PayfipSimulator sim = payfip.simulator();
      sim.misbehave(Misbehaviour.dropNotification()); // no notification endpoint in this test
      PayfipClient client =
          PayfipClient.builder()
              .endpoint(sim.soapEndpoint()) // http://127.0.0.1:<port>/tpa/services/securite
              .paymentPage(sim.paymentPageUrl()) // http://127.0.0.1:<port>/tpa/paiementws.web
              .build();
      List<String> paid = new ArrayList<>(); // the invoices marked paid
      Payments payments =
          Payments.builder()
              .client(client)
              .ledger(new InMemoryPaymentLedger())
              .numcli("006270")
              .notificationUrl(URI.create("https://mairie.example/payfip/notification"))
              .returnUrl(URI.create("https://mairie.example/payfip/retour"))
              .saisie(Saisie.TEST)
              .listener(payment -> paid.add(payment.refdet()))
              .clock(clock)
              .build();
      StartedPayment started =
          payments.create(new Debt("FACT2026000123", 2350, "Cantine", "p@example.org"));
      sim.complete(started.idOp(), Outcome.CARD_PAID); // what the payer clicks
      // the browser comes back to the return URL: the application looks the payment up
      assertThat(payments.onReturn(started.idOp()).state()).isEqualTo(PaymentState.PAID);
      assertThat(paid).containsExactly("FACT2026000123");
      payments.close();
      client.close();
    }
  }

  // end snippet

  @Test
  void payfipSimulator_withoutJUnit_startsOnAFreePortAndStops() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-29T09:00:00Z"), ZoneOffset.UTC);
    Application application = new Application();
    // snippet: testkit-payfip-without-junit
    try (PayfipSimulator sim =
        PayfipSimulator.builder()
            .port(0) // any free port (default)
            .numcli("006270") // a régie, repeatable; default 090909
            .clock(clock) // any java.time.Clock; default system UTC
            .nightlyPurgeAt(LocalTime.of(2, 0)) // Paris time; default 02:00
            .start()) {
      application.usePayfip(sim.soapEndpoint()); // the application under test, pointed at it
    }
    // end snippet
    assertThat(application.payfipEndpoints)
        .singleElement()
        .asString()
        .startsWith("http://127.0.0.1:");
  }

  @Test
  void payfipSimulator_misbehavesOnDemand() {
    try (PayfipSimulator sim = PayfipSimulator.builder().start()) {
      // snippet: testkit-payfip-misbehaviour
      sim.misbehave(Misbehaviour.dropNotification()); // until sim.behave()
      sim.misbehave(Misbehaviour.badGateway().times(1)); // the next SOAP call only
      sim.misbehave(Misbehaviour.notificationByGet(), Misbehaviour.notificationParameter("IdOp"));
      // end snippet
      assertThat(sim.misbehaviours()).hasSize(4);
      // snippet: testkit-payfip-behave
      sim.behave(); // back to nominal
      // end snippet
      assertThat(sim.misbehaviours()).isEmpty();
    }
  }

  // snippet: testkit-once-only-junit
  @RegisterExtension static final OnceOnlySimulatorExtension API = new OnceOnlySimulatorExtension();

  @Test
  void attestations(OnceOnlySimulator sim) {
    ApiEntrepriseClient client =
        ApiEntrepriseClient.builder()
            .baseUrl(sim.baseUrl().toString())
            .token(Secret.of(OnceOnlySimulator.ENTREPRISE_TOKEN))
            .build();
    Traceability why = new Traceability(OnceOnlySimulator.RECIPIENT, "Marché 2026-014", "Lot 2");
    LocalDate today = LocalDate.now();
    assertThat(client.attestationVigilance(OnceOnlySimulator.SIREN_EN_REGLE, why))
        .hasValueSatisfying(a -> assertThat(a.valideLe(today)).isTrue());
    assertThat(client.attestationVigilance(OnceOnlySimulator.SIREN_REFUS_URSSAF, why))
        .hasValueSatisfying(a -> assertThat(a.valideLe(today)).isFalse());
  }
  // end snippet
}
