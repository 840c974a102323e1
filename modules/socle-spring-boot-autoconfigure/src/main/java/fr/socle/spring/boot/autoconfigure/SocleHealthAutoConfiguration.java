package fr.socle.spring.boot.autoconfigure;

import fr.socle.identity.IdentityClient;
import fr.socle.payment.PaymentState;
import fr.socle.payment.Payments;
import fr.socle.payment.jdbc.JdbcPaymentLedger;
import fr.socle.payment.payfip.PayfipClient;
import fr.socle.storage.DocumentSafe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator health indicators, one per configured block: provider discovery reachable (identity),
 * PayFiP's {@code clientDetail} answering for the configured numcli (payment), the ledger's table
 * readable (ledger), the document directory writable (storage). A failure reports only the
 * exception's type: no URL, no identifier, no message from the peer.
 */
@AutoConfiguration(
    after = {
      SocleIdentityAutoConfiguration.class,
      SoclePaymentAutoConfiguration.class,
      SoclePaymentLedgerAutoConfiguration.class,
      SocleStorageAutoConfiguration.class
    })
@ConditionalOnClass(HealthIndicator.class)
public class SocleHealthAutoConfiguration {

  /** Creates the configuration; Spring Boot does. */
  public SocleHealthAutoConfiguration() {}

  static Health down(Exception e) {
    return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
  }

  /** Identity provider discovery. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(IdentityClient.class)
  @ConditionalOnBean(IdentityClient.class)
  static class Identity {
    @Bean
    @ConditionalOnMissingBean(name = "socleIdentityHealthIndicator")
    HealthIndicator socleIdentityHealthIndicator(IdentityClient client) {
      return () -> {
        try {
          client.checkProvider();
          return Health.up().withDetail("provider", client.provider().family().name()).build();
        } catch (RuntimeException e) {
          return down(e);
        }
      };
    }
  }

  /** PayFiP's web service. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Payments.class)
  @ConditionalOnBean({Payments.class, PayfipClient.class})
  static class Payment {
    @Bean
    @ConditionalOnMissingBean(name = "soclePayfipHealthIndicator")
    HealthIndicator soclePayfipHealthIndicator(PayfipClient client, Payments payments) {
      return () -> {
        try {
          client.clientDetail(payments.numcli());
          return Health.up().build();
        } catch (RuntimeException e) {
          return down(e);
        }
      };
    }
  }

  /** The payment ledger's schema. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(JdbcPaymentLedger.class)
  @ConditionalOnBean(JdbcPaymentLedger.class)
  static class Ledger {
    @Bean
    @ConditionalOnMissingBean(name = "soclePaymentLedgerHealthIndicator")
    HealthIndicator soclePaymentLedgerHealthIndicator(JdbcPaymentLedger ledger) {
      return () -> {
        try {
          // Reads the table with every column the code uses; returns nothing.
          ledger.findByState(PaymentState.PENDING, Instant.EPOCH, 1);
          return Health.up().withDetail("schemaVersion", JdbcPaymentLedger.SCHEMA_VERSION).build();
        } catch (RuntimeException e) {
          return down(e);
        }
      };
    }
  }

  /** The document directory. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(DocumentSafe.class)
  @ConditionalOnBean({DocumentSafe.class, SocleStorageProperties.class})
  static class Storage {
    @Bean
    @ConditionalOnMissingBean(name = "socleStorageHealthIndicator")
    HealthIndicator socleStorageHealthIndicator(SocleStorageProperties properties) {
      return () -> {
        Path dir = properties.getDirectory();
        if (dir == null) {
          // The application's own ObjectStore: its health is the application's to report.
          return Health.unknown().build();
        }
        return Files.isDirectory(dir) && Files.isWritable(dir)
            ? Health.up().build()
            : Health.down().withDetail("error", "document directory not writable").build();
      };
    }
  }
}
