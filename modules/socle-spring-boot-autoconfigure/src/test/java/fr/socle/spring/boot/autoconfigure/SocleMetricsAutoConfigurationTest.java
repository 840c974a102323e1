package fr.socle.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.payment.Debt;
import fr.socle.payment.PaymentListener;
import fr.socle.payment.PaymentState;
import fr.socle.payment.Payments;
import fr.socle.storage.DepositRequest;
import fr.socle.storage.DocumentMetadata;
import fr.socle.storage.DocumentSafe;
import fr.socle.storage.IntegrityViolationException;
import fr.socle.storage.SafeListener;
import fr.socle.testkit.payfip.Outcome;
import fr.socle.testkit.payfip.PayfipSimulator;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Metrics of payments and of the safe, and what their tags must never carry. */
class SocleMetricsAutoConfigurationTest {

  static PayfipSimulator payfip;

  @BeforeAll
  static void start() {
    payfip = PayfipSimulator.builder().start();
  }

  @AfterAll
  static void stop() {
    payfip.close();
  }

  @TempDir Path tmp;

  final AtomicInteger fulfilled = new AtomicInteger();

  ApplicationContextRunner payments() {
    return payments(payment -> fulfilled.incrementAndGet());
  }

  ApplicationContextRunner payments(PaymentListener listener) {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                SocleCoreAutoConfiguration.class,
                SoclePaymentLedgerAutoConfiguration.class,
                SoclePaymentAutoConfiguration.class,
                SocleMetricsAutoConfiguration.class))
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(DataSource.class, SoclePaymentAutoConfigurationTest::h2)
        .withBean(PaymentListener.class, () -> listener)
        .withPropertyValues(
            "socle.payment.numcli=" + PayfipSimulator.DEFAULT_NUMCLI,
            "socle.payment.saisie=test",
            "socle.payment.endpoint=" + payfip.soapEndpoint(),
            "socle.payment.payment-page=" + payfip.paymentPageUrl(),
            "socle.payment.notification-url=http://127.0.0.1:9/payfip/notification",
            "socle.payment.return-url=http://127.0.0.1:9/payfip/return",
            "socle.payment.reconcile-every=0s");
  }

  ApplicationContextRunner storage() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                SocleCoreAutoConfiguration.class,
                SocleStorageAutoConfiguration.class,
                SocleMetricsAutoConfiguration.class))
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues(
            "socle.storage.directory=" + tmp.resolve("docs"),
            "socle.storage.key-directory=" + tmp.resolve("keys"));
  }

  static double count(MeterRegistry r, String name, String... tags) {
    return r.get(name).tags(tags).counter().count();
  }

  @Test
  void payments_areCountedByTheStateTheyEnter_andFulfilmentsByOutcome() {
    payments()
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              MeterRegistry r = context.getBean(MeterRegistry.class);
              Payments payments = context.getBean(Payments.class);
              String refdet = "FACT" + System.nanoTime();
              String idOp =
                  payments.create(new Debt(refdet, 1500, "Cantine", "parent@example.fr")).idOp();
              assertThat(count(r, SocleMetricsAutoConfiguration.PAYMENTS, "state", "pending"))
                  .isEqualTo(1);

              payfip.complete(idOp, Outcome.CARD_PAID);
              assertThat(payments.onNotification(idOp).state()).isEqualTo(PaymentState.PAID);
              // A duplicate notification changes nothing and counts nothing.
              payments.onNotification(idOp);

              assertThat(count(r, SocleMetricsAutoConfiguration.PAYMENTS, "state", "paid"))
                  .isEqualTo(1);
              assertThat(
                      count(
                          r,
                          SocleMetricsAutoConfiguration.PAYMENT_FULFILMENTS,
                          "outcome",
                          "paid",
                          "result",
                          "ok"))
                  .isEqualTo(1);
              assertThat(fulfilled).hasValue(1);
              assertNoPersonalData(r, idOp, refdet, "parent@example.fr", "1500");
            });
  }

  @Test
  void aFailingListener_isCountedAsAnError_andStillRetriedByPayments() {
    payments(
            payment -> {
              throw new IllegalStateException("the application's fulfilment failed");
            })
        .run(
            context -> {
              MeterRegistry r = context.getBean(MeterRegistry.class);
              Payments payments = context.getBean(Payments.class);
              String idOp =
                  payments
                      .create(new Debt("FACT" + System.nanoTime(), 700, "Piscine", "p@example.fr"))
                      .idOp();
              payfip.complete(idOp, Outcome.CARD_PAID);
              try {
                payments.onNotification(idOp);
              } catch (RuntimeException expected) {
                // Whether Payments rethrows is its own contract; the count is ours.
              }
              assertThat(
                      count(
                          r,
                          SocleMetricsAutoConfiguration.PAYMENT_FULFILMENTS,
                          "outcome",
                          "paid",
                          "result",
                          "error"))
                  .isEqualTo(1);
              assertThat(payments.awaitingFulfilment(10)).extracting(p -> p.idOp()).contains(idOp);
            });
  }

  @Test
  void deposits_areSummarisedByBytes_andIntegrityFailuresCountedByOperation() {
    storage()
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              MeterRegistry r = context.getBean(MeterRegistry.class);
              DocumentSafe safe = context.getBean(DocumentSafe.class);
              byte[] content = "avis d'imposition de Mme Dupont".getBytes(StandardCharsets.UTF_8);
              DocumentMetadata m =
                  safe.deposit(
                      DepositRequest.builder("mairie-42", "etat-civil")
                          .id("dossier-dupont")
                          .depositor("agent-7")
                          .build(),
                      new ByteArrayInputStream(content));

              var deposits = r.get(SocleMetricsAutoConfiguration.STORAGE_DEPOSITS).summary();
              assertThat(deposits.count()).isEqualTo(1);
              assertThat(deposits.totalAmount()).isEqualTo(content.length);

              flipOneByteOfTheCiphertext(tmp.resolve("docs"));
              assertThatThrownBy(() -> safe.verify(m.ref(), "auditor"))
                  .isInstanceOf(IntegrityViolationException.class);
              assertThat(
                      count(
                          r,
                          SocleMetricsAutoConfiguration.STORAGE_INTEGRITY_FAILURES,
                          "operation",
                          "verify"))
                  .isEqualTo(1);
              assertNoPersonalData(
                  r, "mairie-42", "etat-civil", "dossier-dupont", "agent-7", "Dupont");
            });
  }

  @Test
  void theApplicationsOwnSafeListener_isCalledBesideTheMetrics() {
    AtomicInteger own = new AtomicInteger();
    storage()
        .withBean(
            "auditListener",
            SafeListener.class,
            () ->
                new SafeListener() {
                  @Override
                  public void onDeposit(long bytes) {
                    own.incrementAndGet();
                  }
                })
        .run(
            context -> {
              context
                  .getBean(DocumentSafe.class)
                  .deposit(
                      DepositRequest.builder("t", "c").id("d").depositor("a").build(),
                      new ByteArrayInputStream(new byte[] {1, 2, 3}));
              assertThat(own).hasValue(1);
              assertThat(
                      context
                          .getBean(MeterRegistry.class)
                          .get(SocleMetricsAutoConfiguration.STORAGE_DEPOSITS)
                          .summary()
                          .count())
                  .isEqualTo(1);
            });
  }

  @Test
  void withoutARegistry_nothingIsInstrumented() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                SocleCoreAutoConfiguration.class,
                SocleStorageAutoConfiguration.class,
                SocleMetricsAutoConfiguration.class))
        .withPropertyValues(
            "socle.storage.directory=" + tmp.resolve("docs2"),
            "socle.storage.key-directory=" + tmp.resolve("keys2"))
        .run(
            context ->
                assertThat(context)
                    .hasNotFailed()
                    .hasSingleBean(DocumentSafe.class)
                    .doesNotHaveBean(SafeListener.class));
  }

  private static void flipOneByteOfTheCiphertext(Path root) throws Exception {
    List<Path> ciphertexts;
    try (Stream<Path> walk = Files.walk(root)) {
      ciphertexts = walk.filter(p -> p.getFileName().toString().startsWith("content-")).toList();
    }
    assertThat(ciphertexts).hasSize(1);
    Path file = ciphertexts.get(0);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(file, bytes);
  }

  private static void assertNoPersonalData(MeterRegistry r, String... values) {
    for (Meter meter : r.getMeters()) {
      String id = meter.getId().toString();
      for (String v : values) {
        assertThat(id).as("meter %s", id).doesNotContain(v);
      }
    }
  }
}
