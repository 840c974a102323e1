package fr.socle.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import fr.socle.payment.payfip.PayfipClient;
import fr.socle.payment.spi.InMemoryPaymentLedger;
import fr.socle.payment.spi.PaymentLedger;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Socle never closes an object it was given: closing {@link Payments} stops only its own
 * reconciliation scheduler; the PayFiP client and the ledger stay the application's, open and
 * usable.
 */
class PaymentsInjectedObjectsTest {
  private static final String PATH = "/tpa/services/securite";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void close_leavesTheInjectedClientAndLedgerUsable() {
    PaymentLedger ledger = new InMemoryPaymentLedger();
    try (PayfipClient client = PayfipClient.builder().baseUri(URI.create(wm.baseUrl())).build()) {
      Payments first = payments(client, ledger, Duration.ofMinutes(5));
      String firstIdOp = create(first, "FACT2026000001");
      first.close();
      first.close();

      // The same client and ledger serve a new Payments: neither was closed.
      try (Payments second = payments(client, ledger, null)) {
        String secondIdOp = create(second, "FACT2026000002");
        assertThat(ledger.find(firstIdOp)).isPresent();
        assertThat(ledger.find(secondIdOp)).isPresent();
      }
    }
  }

  private static Payments payments(PayfipClient client, PaymentLedger ledger, Duration every) {
    Payments.Builder b =
        Payments.builder()
            .client(client)
            .ledger(ledger)
            .numcli("090909")
            .notificationUrl(URI.create("https://mairie.example/payfip/notification"))
            .returnUrl(URI.create("https://mairie.example/payfip/retour"))
            .saisie(Saisie.TEST)
            .listener(
                new PaymentListener() {
                  @Override
                  public void onPaid(Payment payment) {}

                  @Override
                  public void onReview(Payment payment) {}
                });
    if (every != null) {
      b.reconcileEvery(every);
    }
    return b.build();
  }

  private static String create(Payments payments, String refdet) {
    String idOp = UUID.randomUUID().toString();
    wm.stubFor(
        post(urlEqualTo(PATH))
            .withRequestBody(containing("creerPaiementSecurise"))
            .willReturn(aResponse().withStatus(200).withBody(SoapFixtures.created(idOp))));
    StartedPayment started =
        payments.create(new Debt(refdet, 4250, "Cantine de décembre", "payer@example.fr"));
    assertThat(started.idOp()).isEqualTo(idOp);
    return idOp;
  }
}
