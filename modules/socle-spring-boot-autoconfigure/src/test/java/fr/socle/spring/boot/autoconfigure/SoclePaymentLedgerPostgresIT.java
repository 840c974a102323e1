package fr.socle.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.payment.Debt;
import fr.socle.payment.PaymentListener;
import fr.socle.payment.PaymentState;
import fr.socle.payment.Payments;
import fr.socle.payment.jdbc.JdbcPaymentLedger;
import fr.socle.payment.spi.PaymentLedger;
import fr.socle.testkit.payfip.PayfipSimulator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The ledger on the application's PostgreSQL data source (a real server, on a free port). */
class SoclePaymentLedgerPostgresIT {

  static EmbeddedPostgres postgres;
  static PayfipSimulator payfip;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    payfip = PayfipSimulator.builder().start();
  }

  @AfterAll
  static void stop() throws Exception {
    payfip.close();
    postgres.close();
  }

  @Test
  void payments_keepTheirLedgerInPostgres_andCreateTheSchemaOnce() {
    ApplicationContextRunner runner =
        new ApplicationContextRunner()
            .withConfiguration(
                AutoConfigurations.of(
                    SocleCoreAutoConfiguration.class,
                    SoclePaymentLedgerAutoConfiguration.class,
                    SoclePaymentAutoConfiguration.class))
            .withBean(DataSource.class, () -> postgres.getPostgresDatabase())
            .withBean(PaymentListener.class, () -> payment -> {})
            .withPropertyValues(
                "socle.payment.numcli=" + PayfipSimulator.DEFAULT_NUMCLI,
                "socle.payment.saisie=test",
                "socle.payment.endpoint=" + payfip.soapEndpoint(),
                "socle.payment.payment-page=" + payfip.paymentPageUrl(),
                "socle.payment.notification-url=https://portal.example/payfip/notification",
                "socle.payment.return-url=https://portal.example/payfip/return",
                "socle.payment.reconcile-every=0s");
    String[] idOp = new String[1];
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(PaymentLedger.class)).isInstanceOf(JdbcPaymentLedger.class);
          idOp[0] =
              context
                  .getBean(Payments.class)
                  .create(new Debt("PG" + System.nanoTime(), 1200, "Cantine", "p@example.fr"))
                  .idOp();
        });
    // A restart finds the payment: the ledger is in the database, not in memory.
    runner.run(
        context ->
            assertThat(context.getBean(Payments.class).find(idOp[0]))
                .get()
                .extracting(p -> p.state())
                .isEqualTo(PaymentState.PENDING));
  }
}
