package fr.socle.spring.boot.autoconfigure;

import fr.socle.payment.PaymentListener;
import fr.socle.payment.Payments;
import fr.socle.payment.spi.PaymentLedger;
import fr.socle.spring.boot.autoconfigure.security.SocleLoginEvent;
import fr.socle.storage.DocumentSafe;
import fr.socle.storage.SafeListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer metrics of every block on the class path, active when the application has a {@link
 * MeterRegistry} (Actuator). Tags hold no personal datum and no identifier: no subject, e-mail, IP
 * address, idOp, debt reference, amount, document id, container or tenant.
 *
 * <ul>
 *   <li>{@value #LOGINS}: logins by {@code outcome} and eIDAS {@code level};
 *   <li>{@value #PAYMENTS}: payments that entered a {@code state} on this node (created as {@code
 *       pending}, then each accepted transition);
 *   <li>{@value #PAYMENT_FULFILMENTS}: calls of the application's payment listener by {@code
 *       outcome} ({@code paid}, {@code review}, {@code double-payment}) and {@code result};
 *   <li>{@value #STORAGE_DEPOSITS} and {@value #STORAGE_READS}: sizes in bytes (their count is the
 *       number of operations); {@value #STORAGE_DESTRUCTIONS}; {@value #STORAGE_INTEGRITY_FAILURES}
 *       by {@code operation}.
 * </ul>
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class SocleMetricsAutoConfiguration {

  /** Name of the login counter. */
  public static final String LOGINS = "socle.logins";

  /** Name of the counter of payments entering a state. */
  public static final String PAYMENTS = "socle.payments";

  /** Name of the counter of payment listener calls. */
  public static final String PAYMENT_FULFILMENTS = "socle.payments.fulfilments";

  /** Name of the deposit size summary. */
  public static final String STORAGE_DEPOSITS = "socle.storage.deposits";

  /** Name of the read size summary. */
  public static final String STORAGE_READS = "socle.storage.reads";

  /** Name of the destruction counter. */
  public static final String STORAGE_DESTRUCTIONS = "socle.storage.destructions";

  /** Name of the integrity failure counter. */
  public static final String STORAGE_INTEGRITY_FAILURES = "socle.storage.integrity.failures";

  /** Creates the configuration; Spring Boot does. */
  public SocleMetricsAutoConfiguration() {}

  /**
   * Counts the logins.
   *
   * @param registry the application's registry
   * @return the listener
   */
  @Bean
  public ApplicationListener<PayloadApplicationEvent<?>> socleLoginMetrics(MeterRegistry registry) {
    return applicationEvent -> {
      if (!(applicationEvent.getPayload() instanceof SocleLoginEvent event)) {
        return;
      }
      registry
          .counter(
              LOGINS,
              "outcome",
              event.outcome(),
              "level",
              event.level().map(l -> l.name().toLowerCase(Locale.ROOT)).orElse("none"))
          .increment();
    };
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Payments.class)
  static class PaymentMetrics {

    @Bean
    PaymentsInstrumentation soclePaymentMetrics(MeterRegistry registry) {
      return new PaymentsInstrumentation() {
        @Override
        public PaymentLedger ledger(PaymentLedger ledger) {
          return new MeteredPaymentLedger(ledger, registry);
        }

        @Override
        public PaymentListener listener(PaymentListener listener) {
          return new MeteredPaymentListener(listener, registry);
        }
      };
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(DocumentSafe.class)
  static class StorageMetrics {

    @Bean
    SafeListener socleStorageMetrics(MeterRegistry registry) {
      return new MeteredSafeListener(registry);
    }
  }
}
