package fr.socle.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.payment.PaymentListener;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import fr.socle.testkit.payfip.PayfipSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SocleHealthAutoConfigurationTest {

  static FranceConnectSimulator fc;
  static PayfipSimulator payfip;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    fc = FranceConnectSimulator.builder().build().start();
    payfip = PayfipSimulator.builder().start();
  }

  @AfterAll
  static void stop() {
    fc.close();
    payfip.close();
  }

  ApplicationContextRunner runner(String issuer, String payfipEndpoint) {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                SocleCoreAutoConfiguration.class,
                SocleIdentityAutoConfiguration.class,
                SoclePaymentLedgerAutoConfiguration.class,
                SoclePaymentAutoConfiguration.class,
                SocleStorageAutoConfiguration.class,
                SocleHealthAutoConfiguration.class))
        .withBean(DataSource.class, SoclePaymentAutoConfigurationTest::h2)
        .withBean(PaymentListener.class, () -> payment -> {})
        .withPropertyValues(
            "socle.identity.issuer=" + issuer,
            "socle.identity.client-id=" + fc.clientId(),
            "socle.identity.client-secret=" + fc.clientSecret().reveal(),
            "socle.identity.redirect-uri=" + FranceConnectSimulator.DEFAULT_REDIRECT_URI,
            "socle.identity.transaction-key=0123456789abcdef0123456789abcdef-key",
            "socle.payment.numcli=" + PayfipSimulator.DEFAULT_NUMCLI,
            "socle.payment.saisie=test",
            "socle.payment.endpoint=" + payfipEndpoint,
            "socle.payment.notification-url=https://portal.example/payfip/notification",
            "socle.payment.return-url=https://portal.example/payfip/return",
            "socle.payment.reconcile-every=0s",
            "socle.storage.directory=" + tmp.resolve("docs"),
            "socle.storage.key-directory=" + tmp.resolve("keys"));
  }

  static Health health(org.springframework.context.ApplicationContext context, String name) {
    return context.getBean(name, HealthIndicator.class).health();
  }

  @Test
  void everyBlock_isUp_whenItsPeerAnswers() {
    runner(fc.issuer(), payfip.soapEndpoint().toString())
        .run(
            context -> {
              assertThat(health(context, "socleIdentityHealthIndicator").getStatus())
                  .isEqualTo(Status.UP);
              assertThat(health(context, "soclePayfipHealthIndicator").getStatus())
                  .isEqualTo(Status.UP);
              Health ledger = health(context, "soclePaymentLedgerHealthIndicator");
              assertThat(ledger.getStatus()).isEqualTo(Status.UP);
              assertThat(ledger.getDetails()).containsKey("schemaVersion");
              assertThat(health(context, "socleStorageHealthIndicator").getStatus())
                  .isEqualTo(Status.UP);
            });
  }

  @Test
  void peersDown_reportDown_withTheErrorTypeOnly() {
    String deadIssuer = "http://127.0.0.1:9/api/v2";
    String deadPayfip = "http://127.0.0.1:9/payfip";
    runner(deadIssuer, deadPayfip)
        .run(
            context -> {
              Health identity = health(context, "socleIdentityHealthIndicator");
              Health payment = health(context, "soclePayfipHealthIndicator");
              assertThat(identity.getStatus()).isEqualTo(Status.DOWN);
              assertThat(payment.getStatus()).isEqualTo(Status.DOWN);
              assertThat(identity.toString())
                  .doesNotContain("127.0.0.1")
                  .doesNotContain(fc.clientId());
              assertThat(payment.toString())
                  .doesNotContain("127.0.0.1")
                  .doesNotContain(PayfipSimulator.DEFAULT_NUMCLI);
            });
  }

  @Test
  void storage_isDown_whenTheDocumentDirectoryDisappears() {
    runner(fc.issuer(), payfip.soapEndpoint().toString())
        .run(
            context -> {
              try (var files = Files.walk(tmp.resolve("docs"))) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                  Files.delete(p);
                }
              }
              assertThat(health(context, "socleStorageHealthIndicator").getStatus())
                  .isEqualTo(Status.DOWN);
            });
  }
}
