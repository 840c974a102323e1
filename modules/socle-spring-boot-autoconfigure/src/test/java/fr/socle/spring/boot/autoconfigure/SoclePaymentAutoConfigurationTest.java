package fr.socle.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.core.http.HttpTransport;
import fr.socle.payment.PaymentListener;
import fr.socle.payment.Payments;
import fr.socle.payment.jdbc.JdbcPaymentLedger;
import fr.socle.payment.payfip.PayfipClient;
import fr.socle.payment.spi.InMemoryPaymentLedger;
import fr.socle.payment.spi.PaymentLedger;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SoclePaymentAutoConfigurationTest {

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  SocleCoreAutoConfiguration.class,
                  SoclePaymentLedgerAutoConfiguration.class,
                  SoclePaymentAutoConfiguration.class));

  static DataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return ds;
  }

  ApplicationContextRunner configured() {
    return runner
        .withBean(DataSource.class, SoclePaymentAutoConfigurationTest::h2)
        .withBean(PaymentListener.class, () -> payment -> {})
        .withPropertyValues(
            "socle.payment.numcli=123456",
            "socle.payment.saisie=test",
            "socle.payment.endpoint=http://127.0.0.1:9/payfip",
            "socle.payment.payment-page=http://127.0.0.1:9/page",
            "socle.payment.notification-url=https://portal.example/payfip/notification",
            "socle.payment.return-url=https://portal.example/payfip/return");
  }

  @Test
  void payments_whenPropertiesSet_useTheJdbcLedgerOnTheApplicationsDataSource() {
    configured()
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(Payments.class);
              assertThat(context.getBean(PaymentLedger.class))
                  .isInstanceOf(JdbcPaymentLedger.class);
              assertThat(context.getBean(PayfipClient.class).endpoint())
                  .isEqualTo(URI.create("http://127.0.0.1:9/payfip"));
              try (Connection c = context.getBean(DataSource.class).getConnection();
                  ResultSet rs =
                      c.getMetaData()
                          .getTables(null, null, "SOCLE_PAYMENT", new String[] {"TABLE"})) {
                assertThat(rs.next()).as("ledger schema created").isTrue();
              }
            });
  }

  @Test
  void transport_startsFromPayfipsPreset() {
    configured()
        .run(
            context -> {
              HttpTransport t =
                  context.getBean(
                      SoclePaymentAutoConfiguration.HTTP_TRANSPORT_BEAN, HttpTransport.class);
              assertThat(t.responseTimeout()).isEqualTo(PayfipClient.DEFAULT_RESPONSE_TIMEOUT);
              assertThat(t.maxResponseBytes()).isEqualTo(PayfipClient.DEFAULT_MAX_RESPONSE_BYTES);
              // PayFiP's 15 s for the whole call, not the generic 60 s.
              assertThat(t.deadline()).isEqualTo(PayfipClient.DEFAULT_DEADLINE);
            });
  }

  @Test
  void ledger_whenApplicationDefinesOne_backsOff() {
    configured()
        .withBean(PaymentLedger.class, InMemoryPaymentLedger::new)
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(PaymentLedger.class);
              assertThat(context.getBean(PaymentLedger.class))
                  .isInstanceOf(InMemoryPaymentLedger.class);
            });
  }

  @Test
  void payments_whenNoNumcli_areNotConfigured() {
    runner.run(
        context ->
            assertThat(context)
                .doesNotHaveBean(Payments.class)
                .doesNotHaveBean(PaymentLedger.class));
  }

  @Test
  void start_whenNoLedgerCanBeBuilt_failsInsteadOfKeepingPaymentsInMemory() {
    configured()
        .withClassLoader(new FilteredClassLoader(JdbcPaymentLedger.class))
        .run(
            context ->
                assertThat(StartupFailures.messages(context))
                    .contains("socle.payment")
                    .contains("ledger"));
  }

  @Test
  void start_whenNoListener_failsNamingWhatIsMissing() {
    runner
        .withBean(DataSource.class, SoclePaymentAutoConfigurationTest::h2)
        .withPropertyValues(
            "socle.payment.numcli=123456",
            "socle.payment.saisie=test",
            "socle.payment.notification-url=https://portal.example/n",
            "socle.payment.return-url=https://portal.example/r")
        .run(context -> assertThat(StartupFailures.messages(context)).contains("PaymentListener"));
  }

  @Test
  void start_whenSaisieMissing_failsNamingTheProperty() {
    configured()
        .withPropertyValues("socle.payment.saisie=")
        .run(
            context ->
                assertThat(StartupFailures.messages(context)).contains("socle.payment.saisie"));
  }

  @Test
  void start_whenNumcliMalformed_failsWithThePropertyTree() {
    configured()
        .withPropertyValues("socle.payment.numcli=12ab")
        .run(context -> assertThat(StartupFailures.messages(context)).contains("socle.payment"));
  }

  @Test
  void start_whenNotificationUrlMissing_failsNamingTheProperty() {
    configured()
        .withPropertyValues("socle.payment.notification-url=")
        .run(
            context ->
                assertThat(StartupFailures.messages(context))
                    .contains("socle.payment.notification-url"));
  }

  @Test
  void start_whenReconcileEveryNegative_failsNamingTheProperty() {
    configured()
        .withPropertyValues("socle.payment.reconcile-every=-1m")
        .run(
            context ->
                assertThat(StartupFailures.messages(context))
                    .contains("socle.payment.reconcile-every"));
  }
}
