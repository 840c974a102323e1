package fr.socle.examples.demo.payment;

import fr.socle.examples.demo.DemoConfig;
import fr.socle.examples.demo.Feature;
import fr.socle.examples.demo.web.Html;
import fr.socle.examples.demo.web.Layout;
import fr.socle.examples.demo.web.NavEntry;
import fr.socle.payment.Payment;
import fr.socle.payment.PaymentListener;
import fr.socle.payment.Payments;
import fr.socle.payment.Saisie;
import fr.socle.payment.jdbc.JdbcPaymentLedger;
import fr.socle.payment.payfip.PayfipClient;
import fr.socle.payment.spi.PaymentLedger;
import fr.socle.testkit.payfip.PayfipSimulator;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Payer ma facture de cantine" through PayFiP with socle-payment: the payment is recorded in a
 * ledger (H2 under the data directory) before the citizen leaves, settled by the notification, the
 * citizen's return or the reconciliation, whichever comes first, and shown from the ledger.
 */
public final class PaymentFeature implements Feature {
  private static final Logger LOG = LoggerFactory.getLogger(PaymentFeature.class);

  /** Where the notification, return and page live. */
  static final String PATH = "/paiement";

  private final Payments payments;
  private final PaymentLedger ledger;
  private final String numcli;
  private final List<String> description;
  private final List<AutoCloseable> resources;
  private final Optional<PayfipSimulator> simulator;

  private PaymentFeature(
      Payments payments,
      PaymentLedger ledger,
      String numcli,
      List<String> description,
      List<AutoCloseable> resources,
      Optional<PayfipSimulator> simulator) {
    this.simulator = simulator;
    this.payments = payments;
    this.ledger = ledger;
    this.numcli = numcli;
    this.description = List.copyOf(description);
    this.resources = List.copyOf(resources);
  }

  /**
   * Wires payments to a PayFiP service (real or simulated).
   *
   * @param endpoint the SOAP endpoint
   * @param pageUrl the payment page
   * @param numcli the régie
   * @param saisie {@code T} against a simulator or for tests, {@code W} in production
   * @param baseUrl the portal's address, for the notification and return URLs
   * @param dataDir where the ledger lives
   * @param reconcileEvery how often pending payments are looked up again (and how old they must be)
   * @param description what the start-up banner says
   * @param simulator the simulator to close with the feature, or null
   * @return the feature
   */
  static PaymentFeature start(
      URI endpoint,
      URI pageUrl,
      String numcli,
      Saisie saisie,
      String baseUrl,
      Path dataDir,
      Duration reconcileEvery,
      String description,
      PayfipSimulator simulator) {
    List<AutoCloseable> resources = new ArrayList<>();
    if (simulator != null) {
      resources.add(simulator);
    }
    try {
      JdbcConnectionPool pool =
          JdbcConnectionPool.create(
              "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("paiements/registre"), "sa", "");
      resources.add(pool::dispose);
      PaymentLedger ledger = JdbcPaymentLedger.create(pool);
      PayfipClient client = PayfipClient.builder().endpoint(endpoint).paymentPage(pageUrl).build();
      resources.add(client);
      Payments payments =
          Payments.builder()
              .client(client)
              .ledger(ledger)
              .numcli(numcli)
              .saisie(saisie)
              .notificationUrl(URI.create(baseUrl + PATH + "/notification"))
              .returnUrl(URI.create(baseUrl + PATH + "/retour"))
              .listener(
                  new PaymentListener() {
                    @Override
                    public void onPaid(Payment payment) {
                      // The fulfilment: here a log line; in a real portal, the invoice is settled.
                      LOG.info("invoice {} paid", payment.refdet());
                    }

                    @Override
                    public void onReview(Payment payment) {
                      LOG.warn("payment of invoice {} needs review", payment.refdet());
                    }
                  })
              .reconcileAfter(reconcileEvery)
              .reconcileEvery(reconcileEvery)
              .build();
      resources.add(payments);
      return new PaymentFeature(
          payments,
          ledger,
          numcli,
          List.of(
              description,
              "Registre des paiements : H2, " + dataDir.toAbsolutePath().resolve("paiements")),
          resources,
          Optional.ofNullable(simulator));
    } catch (RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  /**
   * Connects the portal to a real PayFiP service.
   *
   * @param settings the service
   * @param baseUrl the portal's address
   * @param dataDir where the ledger lives
   * @param reconcileEvery the reconciliation interval
   * @return the feature
   */
  public static PaymentFeature real(
      DemoConfig.Payfip settings, String baseUrl, Path dataDir, Duration reconcileEvery) {
    return start(
        settings.endpoint(),
        settings.pageUrl(),
        settings.numcli(),
        Saisie.fromCode(settings.saisie()),
        baseUrl,
        dataDir,
        reconcileEvery,
        "Paiement : PayFiP réel, "
            + settings.endpoint()
            + ", régie "
            + settings.numcli()
            + ", saisie "
            + settings.saisie(),
        null);
  }

  /**
   * Starts socle-testkit's PayFiP simulator on a free port and connects the portal to it, in test
   * mode ({@code saisie=T}), exactly as to the real service.
   *
   * @param baseUrl the portal's address
   * @param dataDir where the ledger lives
   * @param reconcileEvery the reconciliation interval
   * @return the feature
   */
  public static PaymentFeature simulated(String baseUrl, Path dataDir, Duration reconcileEvery) {
    PayfipSimulator simulator =
        PayfipSimulator.builder().numcli(PayfipSimulator.DEFAULT_NUMCLI).start();
    return start(
        simulator.soapEndpoint(),
        simulator.paymentPageUrl(),
        PayfipSimulator.DEFAULT_NUMCLI,
        Saisie.TEST,
        baseUrl,
        dataDir,
        reconcileEvery,
        "Paiement : simulateur PayFiP (socle-testkit), "
            + simulator.soapEndpoint()
            + ", régie "
            + PayfipSimulator.DEFAULT_NUMCLI,
        simulator);
  }

  /**
   * Returns the simulator this feature started, if it started one: tests use it to misbehave.
   *
   * @return the simulator, or empty against a real service
   */
  public Optional<PayfipSimulator> simulator() {
    return simulator;
  }

  @Override
  public void register(ServletContextHandler context, Layout layout) {
    ServletHolder holder = new ServletHolder(new PaymentServlet(layout, payments, ledger, numcli));
    context.addServlet(holder, PATH);
    context.addServlet(holder, PATH + "/*");
    layout.addNav(new NavEntry(PATH, "Payer ma facture de cantine", true));
  }

  @Override
  public Html homeCard(HttpServletRequest request) {
    return new Html(
        "<div class=\"card\"><h3>Payer ma facture de cantine</h3>"
            + "<p>Réglez la cantine scolaire en ligne par carte bancaire ou prélèvement unique,"
            + " avec PayFiP, le service de paiement de la DGFiP.</p>"
            + "<a class=\"button\" href=\""
            + PATH
            + "\">Payer ma facture</a></div>");
  }

  @Override
  public List<String> describe() {
    return description;
  }

  @Override
  public void close() {
    closeAll(resources);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    List<AutoCloseable> reversed = new ArrayList<>(resources);
    Collections.reverse(reversed);
    for (AutoCloseable resource : reversed) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("could not close {}", resource.getClass().getSimpleName(), e);
      }
    }
  }
}
