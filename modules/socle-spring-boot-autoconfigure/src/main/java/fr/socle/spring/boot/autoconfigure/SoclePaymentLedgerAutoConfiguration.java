package fr.socle.spring.boot.autoconfigure;

import fr.socle.payment.jdbc.JdbcPaymentLedger;
import fr.socle.payment.spi.PaymentLedger;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The payment ledger on the application's {@link DataSource} (PostgreSQL or H2), when
 * socle-payment-jdbc is on the class path and {@code socle.payment.numcli} is set. The schema is
 * created or migrated at start, idempotently.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"
    })
@ConditionalOnClass(JdbcPaymentLedger.class)
@ConditionalOnProperty(prefix = "socle.payment", name = "numcli")
public class SoclePaymentLedgerAutoConfiguration {

  /** Creates the configuration; Spring Boot does. */
  public SoclePaymentLedgerAutoConfiguration() {}

  /**
   * The JDBC ledger.
   *
   * @param dataSource the application's data source; Socle never closes it
   * @return the ledger
   */
  @Bean
  @ConditionalOnBean(DataSource.class)
  @ConditionalOnMissingBean(PaymentLedger.class)
  public JdbcPaymentLedger soclePaymentLedger(DataSource dataSource) {
    return JdbcPaymentLedger.create(dataSource);
  }
}
