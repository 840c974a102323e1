package fr.socle.spring.boot.autoconfigure;

import fr.socle.core.SocleClientException;
import fr.socle.core.http.HttpTransport;
import fr.socle.payment.PaymentListener;
import fr.socle.payment.Payments;
import fr.socle.payment.payfip.PayfipClient;
import fr.socle.payment.spi.PaymentLedger;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * PayFiP payments: a {@link PayfipClient} and {@link Payments} built from {@code socle.payment.*},
 * on when {@code socle.payment.numcli} is set. The ledger is the application's {@link
 * PaymentLedger} bean, by default the JDBC ledger on its {@code DataSource} ({@link
 * SoclePaymentLedgerAutoConfiguration}); the application's {@link PaymentListener} bean fulfils the
 * orders. Reconciliation runs in the background every {@code socle.payment.reconcile-every}.
 */
@AutoConfiguration(
    after = {SocleCoreAutoConfiguration.class, SoclePaymentLedgerAutoConfiguration.class})
@ConditionalOnClass(Payments.class)
@ConditionalOnProperty(prefix = "socle.payment", name = "numcli")
@EnableConfigurationProperties(SoclePaymentProperties.class)
public class SoclePaymentAutoConfiguration {

  /** Name of the transport bean the PayFiP client uses; define one to replace it. */
  public static final String HTTP_TRANSPORT_BEAN = "soclePaymentHttpTransport";

  private static final String PREFIX = "socle.payment.";

  /** Creates the configuration; Spring Boot does. */
  public SoclePaymentAutoConfiguration() {}

  /**
   * The transport to PayFiP: {@link PayfipClient#transportPreset()} (15 seconds for a whole call,
   * at most 256 KiB) with {@code socle.http.*} over it.
   *
   * @param http the shared HTTP settings
   * @return the transport, closed with the application context
   */
  @Bean(name = HTTP_TRANSPORT_BEAN)
  @ConditionalOnMissingBean(name = HTTP_TRANSPORT_BEAN)
  public HttpTransport soclePaymentHttpTransport(SocleHttpProperties http) {
    // The client's own preset, deadline included (15 s for a whole PayFiP call, not 60 s).
    return HttpTransports.build(http, PayfipClient.transportPreset());
  }

  /**
   * The PayFiP web service client.
   *
   * @param properties {@code socle.payment.*}
   * @param transport the transport to PayFiP
   * @return the client
   */
  @Bean
  @ConditionalOnMissingBean
  public PayfipClient soclePayfipClient(
      SoclePaymentProperties properties, @Qualifier(HTTP_TRANSPORT_BEAN) HttpTransport transport) {
    PayfipClient.Builder b = PayfipClient.builder();
    if (properties.getEndpoint() != null) {
      HttpTransports.apply(PREFIX + "endpoint", () -> b.endpoint(properties.getEndpoint()));
    }
    if (properties.getPaymentPage() != null) {
      HttpTransports.apply(
          PREFIX + "payment-page", () -> b.paymentPage(properties.getPaymentPage()));
    }
    withTransport(b, transport);
    try {
      return b.build();
    } catch (SocleClientException e) {
      throw new SocleConfigurationException("socle.payment", e.getMessage());
    }
  }

  // A bean the context closes: shared with the client, which never closes it.
  private static void withTransport(PayfipClient.Builder b, HttpTransport transport) {
    b.httpTransport(transport);
  }

  /**
   * The payments service: exactly-once state changes through the ledger, background reconciliation.
   *
   * @param properties {@code socle.payment.*}
   * @param client the PayFiP client
   * @param ledger the application's ledger
   * @param listener the application's fulfilment callback
   * @param instrumentation the metrics' wrappers of the ledger and listener, when Micrometer is
   *     present
   * @return the service, whose reconciliation stops with the application context
   */
  @Bean
  @ConditionalOnMissingBean
  public Payments soclePayments(
      SoclePaymentProperties properties,
      PayfipClient client,
      ObjectProvider<PaymentLedger> ledger,
      ObjectProvider<PaymentListener> listener,
      ObjectProvider<PaymentsInstrumentation> instrumentation) {
    PaymentLedger theLedger = ledger.getIfUnique();
    if (theLedger == null) {
      // Fail closed: an in-memory ledger would lose paid payments at the next restart.
      throw new SocleConfigurationException(
          "socle.payment",
          "payments need a ledger: add socle-payment-jdbc and a DataSource, or define one"
              + " PaymentLedger bean");
    }
    PaymentListener theListener = listener.getIfUnique();
    if (theListener == null) {
      throw new SocleConfigurationException(
          "socle.payment", "payments need one PaymentListener bean that fulfils what was paid for");
    }
    PaymentsInstrumentation metrics = instrumentation.getIfAvailable();
    if (metrics != null) {
      theLedger = metrics.ledger(theLedger);
      theListener = metrics.listener(theListener);
    }
    Payments.Builder b =
        Payments.builder()
            .client(client)
            .ledger(theLedger)
            .listener(theListener)
            .numcli(Required.text(properties.getNumcli(), PREFIX + "numcli"))
            .saisie(Required.value(properties.getSaisie(), PREFIX + "saisie"))
            .notificationUrl(
                Required.value(properties.getNotificationUrl(), PREFIX + "notification-url"))
            .returnUrl(Required.value(properties.getReturnUrl(), PREFIX + "return-url"));
    Duration every = properties.getReconcileEvery();
    if (every != null && !every.isZero()) {
      HttpTransports.apply(PREFIX + "reconcile-every", () -> b.reconcileEvery(every));
    }
    if (properties.getPendingTimeout() != null) {
      HttpTransports.apply(
          PREFIX + "pending-timeout", () -> b.pendingTimeout(properties.getPendingTimeout()));
    }
    try {
      return b.build();
    } catch (SocleClientException e) {
      throw new SocleConfigurationException("socle.payment", e.getMessage());
    }
  }
}
