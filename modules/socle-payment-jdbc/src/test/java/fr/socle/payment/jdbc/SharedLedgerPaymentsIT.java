package fr.socle.payment.jdbc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import fr.socle.payment.Debt;
import fr.socle.payment.Payment;
import fr.socle.payment.PaymentState;
import fr.socle.payment.Payments;
import fr.socle.payment.ReconciliationResult;
import fr.socle.payment.Saisie;
import fr.socle.payment.StartedPayment;
import fr.socle.payment.payfip.PayfipClient;
import fr.socle.payment.spi.PaymentLedger;
import fr.socle.testkit.TestClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two application nodes (two {@link Payments}, two {@link JdbcPaymentLedger} instances, two HTTP
 * clients) sharing one database, with PayFiP stubbed from the spec's message shapes.
 */
class SharedLedgerPaymentsIT {
  static final String PATH = "/tpa/services/securite";
  static final String NS =
      "http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/"
          + "contrat_paiement_securise/PaiementSecuriseService";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  final TestClock clock = TestClock.at(Instant.parse("2026-11-29T10:00:00Z"));
  final List<Payment> fulfilled = new CopyOnWriteArrayList<>();
  final List<AutoCloseable> toClose = new ArrayList<>();

  static Stream<Arguments> databases() {
    return Stream.of(
        Arguments.of("PostgreSQL", (Supplier<DataSource>) Databases::freshPostgres),
        Arguments.of("H2", (Supplier<DataSource>) Databases::freshH2));
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  Payments node(DataSource db) {
    PayfipClient client = PayfipClient.builder().baseUri(URI.create(wm.baseUrl())).build();
    PaymentLedger ledger = JdbcPaymentLedger.create(db);
    Payments payments =
        Payments.builder()
            .client(client)
            .ledger(ledger)
            .numcli("090909")
            .notificationUrl(URI.create("https://mairie.example/payfip/notification"))
            .returnUrl(URI.create("https://mairie.example/payfip/retour"))
            .saisie(Saisie.TEST)
            .clock(clock)
            .listener(fulfilled::add)
            .build();
    toClose.add(payments);
    toClose.add(client);
    return payments;
  }

  /** The refdet of each attempt started: each test payment pays its own debt unless stated. */
  static final java.util.Map<String, String> REFDETS =
      new java.util.concurrent.ConcurrentHashMap<>();

  static final java.util.concurrent.atomic.AtomicLong DEBTS =
      new java.util.concurrent.atomic.AtomicLong();

  static StartedPayment start(Payments node) {
    return start(node, String.format("FACT%010d", DEBTS.incrementAndGet()));
  }

  static StartedPayment start(Payments node, String refdet) {
    String idOp = UUID.randomUUID().toString();
    REFDETS.put(idOp, refdet);
    wm.stubFor(
        post(urlEqualTo(PATH))
            .withRequestBody(containing("creerPaiementSecurise"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        envelope(
                            "<ns2:creerPaiementSecuriseResponse xmlns:ns2=\""
                                + NS
                                + "\"><return><idOp>"
                                + idOp
                                + "</idOp></return></ns2:creerPaiementSecuriseResponse>"))));
    return node.create(new Debt(refdet, 4250, "Cantine", "payer@example.fr"));
  }

  static void paidWith(String idOp, long montant) {
    wm.stubFor(
        post(urlEqualTo(PATH))
            .withRequestBody(containing("<idOp>" + idOp + "</idOp>"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        envelope(
                            "<ns2:recupererDetailPaiementSecuriseResponse xmlns:ns2=\""
                                + NS
                                + "\"><return><dattrans>29112026</dattrans><exer>2026</exer>"
                                + "<heurtrans>1105</heurtrans><idOp>"
                                + idOp
                                + "</idOp><mel>payer@example.fr</mel><montant>"
                                + montant
                                + "</montant><numauto>A55A</numauto><numcli>090909</numcli>"
                                + "<objet>Cantine</objet><refdet>"
                                + REFDETS.getOrDefault(idOp, "FACT2026000123")
                                + "</refdet>"
                                + "<resultrans>P</resultrans><saisie>T</saisie></return>"
                                + "</ns2:recupererDetailPaiementSecuriseResponse>"))));
  }

  static String envelope(String body) {
    return "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body>"
        + body
        + "</S:Body></S:Envelope>";
  }

  static <T> List<T> race(int n, java.util.function.IntFunction<Callable<T>> task)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(32);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Callable<T> c = task.apply(i);
      futures.add(
          pool.submit(
              () -> {
                go.await();
                return c.call();
              }));
    }
    go.countDown();
    List<T> out = new ArrayList<>();
    for (Future<T> f : futures) {
      out.add(f.get(120, TimeUnit.SECONDS));
    }
    pool.shutdown();
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void twoNodes_when200DuplicateNotificationsArriveConcurrently_fulfilOnce(
      String name, Supplier<DataSource> database) throws Exception {
    DataSource db = database.get();
    Payments a = node(db);
    Payments b = node(db);
    StartedPayment started = start(a);
    paidWith(started.idOp(), 4250);

    List<Payment> results =
        race(200, i -> () -> (i % 2 == 0 ? a : b).onNotification(started.idOp()));

    assertThat(results).allSatisfy(p -> assertThat(p.state()).isEqualTo(PaymentState.PAID));
    assertThat(fulfilled).hasSize(1);
    assertThat(b.find(started.idOp()).orElseThrow().state()).isEqualTo(PaymentState.PAID);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void twoNodes_whenTwoAttemptsOfOneDebtArePaid_fulfilTheDebtOnceAndFlagTheDoublePayment(
      String name, Supplier<DataSource> database) throws Exception {
    DataSource db = database.get();
    Payments a = node(db);
    Payments b = node(db);
    StartedPayment first = start(a, "FACTTWICE1");
    StartedPayment second = start(b, "FACTTWICE1"); // two tabs, before either was paid
    paidWith(first.idOp(), 4250);
    paidWith(second.idOp(), 4250);

    race(
        100,
        i -> () -> (i % 2 == 0 ? a : b).onNotification(i % 4 < 2 ? first.idOp() : second.idOp()));

    assertThat(fulfilled).hasSize(1);
    List<Payment> both =
        List.of(a.find(first.idOp()).orElseThrow(), a.find(second.idOp()).orElseThrow());
    assertThat(both).extracting(Payment::state).containsOnlyOnce(PaymentState.PAID);
    assertThat(both).filteredOn(Payment::isDoublePayment).hasSize(1);
    assertThat(a.dailyReport(java.time.LocalDate.of(2026, 11, 29)).doublePayments().count())
        .isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void twoNodes_whenTheNotificationIsLost_reconcileTogetherAndFulfilOnce(
      String name, Supplier<DataSource> database) throws Exception {
    DataSource db = database.get();
    Payments a = node(db);
    Payments b = node(db);
    List<StartedPayment> started = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      StartedPayment s = start(i % 2 == 0 ? a : b);
      paidWith(s.idOp(), 4250);
      started.add(s);
    }
    clock.advance(Duration.ofMinutes(10));

    List<ReconciliationResult> runs = race(4, i -> () -> (i % 2 == 0 ? a : b).reconcile());

    assertThat(runs.stream().mapToInt(ReconciliationResult::paid).sum()).isEqualTo(20);
    assertThat(fulfilled).extracting(Payment::idOp).doesNotHaveDuplicates().hasSize(20);
    assertThat(a.reconcile().examined()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void twoNodes_whenTheAmountDiffers_neitherPays(String name, Supplier<DataSource> database)
      throws Exception {
    DataSource db = database.get();
    Payments a = node(db);
    Payments b = node(db);
    StartedPayment started = start(a);
    paidWith(started.idOp(), 1);

    race(20, i -> () -> (i % 2 == 0 ? a : b).onNotification(started.idOp()));

    assertThat(fulfilled).isEmpty();
    assertThat(a.find(started.idOp()).orElseThrow().state()).isEqualTo(PaymentState.REVIEW);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void twoNodes_whenAPaidPaymentWasNeverFulfilled_reconcileTogetherAndFulfilOnce(
      String name, Supplier<DataSource> database) throws Exception {
    DataSource db = database.get();
    Payments a = node(db);
    Payments b = node(db);
    StartedPayment started = start(a);
    // a node committed PAID, then stopped before calling the listener
    PaymentLedger ledger = JdbcPaymentLedger.create(db);
    assertThat(
            ledger.transition(
                JdbcPaymentLedgerContract.paidTransition(
                    started.idOp(), clock.instant().plusSeconds(1))))
        .isTrue();
    assertThat(a.awaitingFulfilment(10)).extracting(Payment::idOp).containsExactly(started.idOp());

    List<ReconciliationResult> runs = race(8, i -> () -> (i % 2 == 0 ? a : b).reconcile());

    assertThat(runs.stream().mapToInt(ReconciliationResult::fulfilled).sum()).isEqualTo(1);
    assertThat(fulfilled).extracting(Payment::idOp).containsExactly(started.idOp());
    // Each node writes its waiting fulfilment records before it reads (the others see them within
    // fulfilmentRecordDelay): a's read writes a's, if a ran the listener, then b's writes b's.
    a.fulfilledAt(started.idOp());
    assertThat(b.fulfilledAt(started.idOp())).isPresent();
    assertThat(b.awaitingFulfilment(10)).isEmpty();
    assertThat(b.reconcile().fulfilled()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void twoNodes_whenANodeStoppedWhileHoldingTheClaim_anotherFulfilsAfterTheLease(
      String name, Supplier<DataSource> database) throws Exception {
    DataSource db = database.get();
    Payments a = node(db);
    Payments b = node(db);
    StartedPayment started = start(a);
    PaymentLedger ledger = JdbcPaymentLedger.create(db);
    Instant paidAt = clock.instant().plusSeconds(1);
    ledger.transition(JdbcPaymentLedgerContract.paidTransition(started.idOp(), paidAt));
    // the stopped node's claim, never acknowledged
    assertThat(
            ledger.claimFulfilment(
                started.idOp(),
                "stopped-node",
                paidAt,
                paidAt.plus(Payments.DEFAULT_FULFILMENT_LEASE)))
        .isTrue();

    clock.advance(Duration.ofMinutes(5));
    assertThat(b.reconcile().fulfilled()).isZero(); // the lease still runs
    assertThat(fulfilled).isEmpty();

    clock.advance(Duration.ofMinutes(6));
    List<ReconciliationResult> runs = race(4, i -> () -> (i % 2 == 0 ? a : b).reconcile());

    assertThat(runs.stream().mapToInt(ReconciliationResult::fulfilled).sum()).isEqualTo(1);
    assertThat(fulfilled).extracting(Payment::idOp).containsExactly(started.idOp());
  }
}
