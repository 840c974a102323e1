package fr.socle.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static fr.socle.payment.SoapFixtures.created;
import static fr.socle.payment.SoapFixtures.detail;
import static fr.socle.payment.SoapFixtures.functional;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import fr.socle.core.SocleClientException;
import fr.socle.payment.payfip.PayfipClient;
import fr.socle.payment.spi.InMemoryPaymentLedger;
import fr.socle.payment.spi.PaymentLedger;
import fr.socle.testkit.TestClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue #11: late payments, garbled answers, duplicate storms, double payments, stuck lookups. */
class PaymentsReliabilityTest {
  static final String PATH = "/tpa/services/securite";
  static final String NUMCLI = "090909";
  static final String REFDET = "FACT2026000123";
  static final String P5 = "Résultat de la transaction non connu.";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  final TestClock clock = TestClock.at(Instant.parse("2026-11-29T10:00:00Z"));
  final List<Payment> paid = new CopyOnWriteArrayList<>();
  final List<Payment> reviewed = new CopyOnWriteArrayList<>();
  final List<Payment> doubles = new CopyOnWriteArrayList<>();
  PaymentLedger ledger;
  PayfipClient client;
  Payments payments;

  @BeforeEach
  void setUp() {
    ledger = new InMemoryPaymentLedger();
    client =
        PayfipClient.builder()
            .baseUri(URI.create(wm.baseUrl()))
            .httpTransport(http -> http.deadline(Duration.ofSeconds(2)))
            .build();
    payments = payments(Saisie.TEST).build();
  }

  Payments.Builder payments(Saisie saisie) {
    return Payments.builder()
        .client(client)
        .ledger(ledger)
        .numcli(NUMCLI)
        .notificationUrl(URI.create("https://mairie.example/payfip/notification"))
        .returnUrl(URI.create("https://mairie.example/payfip/retour"))
        .saisie(saisie)
        .clock(clock)
        .listener(
            new PaymentListener() {
              @Override
              public void onPaid(Payment payment) {
                paid.add(payment);
              }

              @Override
              public void onReview(Payment payment) {
                reviewed.add(payment);
              }

              @Override
              public void onDoublePayment(Payment payment) {
                doubles.add(payment);
              }
            });
  }

  @AfterEach
  void tearDown() {
    payments.close();
    client.close();
  }

  String start(String refdet) {
    String idOp = UUID.randomUUID().toString();
    wm.stubFor(
        post(urlEqualTo(PATH))
            .withRequestBody(containing("creerPaiementSecurise"))
            .willReturn(aResponse().withStatus(200).withBody(created(idOp))));
    return payments
        .create(new Debt(refdet, 4250, "Cantine de décembre", "payer@example.fr"))
        .idOp();
  }

  static void answers(String idOp, int status, String body) {
    wm.stubFor(
        post(urlEqualTo(PATH))
            .withRequestBody(containing("<idOp>" + idOp + "</idOp>"))
            .willReturn(aResponse().withStatus(status).withBody(body)));
  }

  static void resultIs(String idOp, String resultrans, String refdet) {
    answers(idOp, 200, detail(idOp, resultrans, 4250, refdet, NUMCLI, "T"));
  }

  static int lookupsOf(String idOp) {
    return wm.findAll(
            postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(containing("<idOp>" + idOp + "</idOp>")))
        .size();
  }

  PaymentState state(String idOp) {
    return ledger.find(idOp).orElseThrow().state();
  }

  // ---- 2. EXPIRED or ABANDONED, then really paid ---------------------------------------------

  @Test
  @DisplayName(
      "paid at +25 min after the 20-minute rule expired it, notification lost: settled once")
  void reconcile_whenAnExpiredPaymentIsPaidLater_settlesItExactlyOnce() {
    String idOp = start(REFDET);
    answers(idOp, 500, functional("P5", P5));
    clock.advance(Duration.ofMinutes(21));
    payments.reconcile();
    assertThat(state(idOp)).isEqualTo(PaymentState.EXPIRED);

    resultIs(idOp, "P", REFDET); // paid at +25 min, the notification is lost
    clock.advance(Duration.ofMinutes(15));
    ReconciliationResult r = payments.reconcile();

    assertThat(state(idOp)).isEqualTo(PaymentState.PAID);
    assertThat(r.paid()).isEqualTo(1);
    assertThat(paid).extracting(Payment::idOp).containsExactly(idOp);
    clock.advance(Duration.ofHours(2));
    wm.resetRequests();
    payments.reconcile();
    assertThat(paid).hasSize(1);
    assertThat(lookupsOf(idOp)).isZero();
  }

  @Test
  void reconcile_whenAnAbandonedPaymentIsPaidLater_settlesItExactlyOnce() {
    String idOp = start(REFDET);
    resultIs(idOp, "A", REFDET);
    clock.advance(Duration.ofMinutes(21));
    payments.reconcile();
    assertThat(state(idOp)).isEqualTo(PaymentState.ABANDONED);

    resultIs(idOp, "P", REFDET);
    clock.advance(Duration.ofMinutes(30));
    payments.reconcile();
    assertThat(state(idOp)).isEqualTo(PaymentState.PAID);
    assertThat(payments.onNotification(idOp).state()).isEqualTo(PaymentState.PAID);
    assertThat(paid).hasSize(1);
  }

  @Test
  void reconcile_whenTheListenerFailsForALatePayment_listsItAwaitingFulfilment() {
    payments.close();
    payments =
        payments(Saisie.TEST)
            .listener(
                p -> {
                  throw new IllegalStateException("invoice system down");
                })
            .build();
    String idOp = start(REFDET);
    answers(idOp, 500, functional("P5", P5));
    clock.advance(Duration.ofMinutes(21));
    payments.reconcile();
    resultIs(idOp, "P", REFDET);
    clock.advance(Duration.ofMinutes(15));
    payments.reconcile();

    assertThat(payments.awaitingFulfilment(10)).extracting(Payment::idOp).containsExactly(idOp);
  }

  @Test
  void reconcile_stopsRecheckingOncePayfipAnswersP1() {
    String idOp = start(REFDET);
    answers(idOp, 500, functional("P5", P5));
    clock.advance(Duration.ofMinutes(21));
    payments.reconcile();
    answers(idOp, 500, functional("P1", "IdOp incorrect.")); // nightly purge
    clock.advance(Duration.ofHours(12));
    payments.reconcile();
    assertThat(lookupsOf(idOp)).isEqualTo(2);

    wm.resetRequests();
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofHours(12));
      payments.reconcile();
    }
    assertThat(lookupsOf(idOp)).isZero();
    assertThat(state(idOp)).isEqualTo(PaymentState.EXPIRED);
  }

  @Test
  void reconcile_recheckesAbandonedPaymentsWithGrowingIntervalsThenStopsAfterTheWindow() {
    String idOp = start(REFDET);
    resultIs(idOp, "A", REFDET);
    clock.advance(Duration.ofMinutes(21));
    payments.reconcile();
    wm.resetRequests();
    int runs = 0;
    while (runs < 24 * 8 * 6) { // eight days, a run every 10 minutes
      clock.advance(Duration.ofMinutes(10));
      payments.reconcile();
      runs++;
    }
    int lookups = lookupsOf(idOp);
    assertThat(lookups).isBetween(5, 60); // spaced out, not once per run (1,152 runs)
    wm.resetRequests();
    clock.advance(Duration.ofDays(1));
    payments.reconcile();
    assertThat(lookupsOf(idOp)).isZero(); // past the re-check window
    assertThat(state(idOp)).isEqualTo(PaymentState.ABANDONED);
  }

  // ---- 3. omitted or garbled echo fields ------------------------------------------------------

  static String without(String body, String field) {
    return body.replaceAll("<" + field + ">[^<]*</" + field + ">", "");
  }

  void assertReview(String body, Saisie saisie, String refdet) {
    payments.close();
    payments = payments(saisie).build();
    String idOp = start(refdet);
    answers(idOp, 200, body.replace("IDOP", idOp));

    Payment p = payments.onNotification(idOp);

    assertThat(p.state()).as(body).isEqualTo(PaymentState.REVIEW);
    assertThat(paid).isEmpty();
  }

  @Test
  void onNotification_whenSaisieIsMissingOrGarbled_flagsForReview() {
    String full = detail("IDOP", "P", 4250, "FACTSAISIE1", NUMCLI, "T");
    assertReview(without(full, "saisie"), Saisie.TEST, "FACTSAISIE1");
    assertReview(detail("IDOP", "P", 4250, "FACTSAISIE2", NUMCLI, "Q"), Saisie.TEST, "FACTSAISIE2");
    String production = detail("IDOP", "P", 4250, "FACTSAISIE3", NUMCLI, "W");
    assertReview(without(production, "saisie"), Saisie.PRODUCTION, "FACTSAISIE3");
  }

  @Test
  void onNotification_whenIdOpIsMissingOrAboutAnotherOperation_flagsForReview() {
    String full = detail("IDOP", "P", 4250, "FACTIDOP001", NUMCLI, "T");
    assertReview(without(full, "idOp"), Saisie.TEST, "FACTIDOP001");
    assertReview(
        detail(UUID.randomUUID().toString(), "P", 4250, "FACTIDOP002", NUMCLI, "T"),
        Saisie.TEST,
        "FACTIDOP002");
  }

  @Test
  void onNotification_whenAmountRefdetOrNumcliAreMissing_flagsForReview() {
    String full = detail("IDOP", "P", 4250, "FACTMISS001", NUMCLI, "T");
    assertReview(without(full, "montant"), Saisie.TEST, "FACTMISS001");
    assertReview(
        without(detail("IDOP", "P", 4250, "FACTMISS002", NUMCLI, "T"), "refdet"),
        Saisie.TEST,
        "FACTMISS002");
    assertReview(
        without(detail("IDOP", "P", 4250, "FACTMISS003", NUMCLI, "T"), "numcli"),
        Saisie.TEST,
        "FACTMISS003");
  }

  @Test
  void idOps_areMatchedCaseInsensitivelyEverywhere() {
    String idOp = start(REFDET);
    String upper = idOp.toUpperCase(Locale.ROOT);
    // PayFiP echoes the id in upper case, and the notification spells it in upper case too
    answers(idOp, 200, detail(upper, "P", 4250, REFDET, NUMCLI, "T"));

    assertThat(Payments.idOpFrom(java.util.Map.of("IdOp", upper))).contains(idOp);
    Payment p = payments.onNotification(upper);

    assertThat(p.state()).isEqualTo(PaymentState.PAID);
    assertThat(p.idOp()).isEqualTo(idOp);
    assertThat(payments.find(upper)).isPresent();
  }

  // ---- 4. duplicate storms -------------------------------------------------------------------

  @Test
  @DisplayName("200 concurrent duplicate notifications cause at most 2 lookups on one node")
  void onNotification_whenADuplicateStormArrives_coalescesTheLookups() throws Exception {
    String idOp = start(REFDET);
    wm.stubFor(
        post(urlEqualTo(PATH))
            .withRequestBody(containing("<idOp>" + idOp + "</idOp>"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withFixedDelay(150)
                    .withBody(detail(idOp, "P", 4250, REFDET, NUMCLI, "T"))));
    ExecutorService pool = Executors.newFixedThreadPool(32);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Payment>> results = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      results.add(
          pool.submit(
              () -> {
                go.await();
                return payments.onNotification(idOp);
              }));
    }
    go.countDown();
    for (Future<Payment> f : results) {
      assertThat(f.get(60, TimeUnit.SECONDS).state()).isEqualTo(PaymentState.PAID);
    }
    pool.shutdown();

    assertThat(lookupsOf(idOp)).isLessThanOrEqualTo(2);
    assertThat(paid).hasSize(1);
  }

  @Test
  void onNotification_whenThePaymentIsFinalAndFulfilled_neverAsksPayfip() {
    String idOp = start(REFDET);
    resultIs(idOp, "R", REFDET);
    payments.onNotification(idOp);
    wm.resetRequests();

    assertThat(payments.onNotification(idOp).state()).isEqualTo(PaymentState.REFUSED);
    assertThat(lookupsOf(idOp)).isZero();
  }

  // ---- 5. one debt paid twice ----------------------------------------------------------------

  @Test
  void onNotification_whenASecondAttemptOfAPaidDebtIsPaid_flagsADoublePaymentOnce() {
    String first = start(REFDET);
    String second = start(REFDET); // a second tab, before the first was paid
    resultIs(first, "P", REFDET);
    resultIs(second, "P", REFDET);

    payments.onNotification(first);
    Payment twice = payments.onNotification(second);
    payments.onNotification(second);

    assertThat(twice.state()).isEqualTo(PaymentState.REVIEW);
    assertThat(twice.isDoublePayment()).isTrue();
    assertThat(paid).extracting(Payment::idOp).containsExactly(first);
    assertThat(doubles).extracting(Payment::idOp).containsExactly(second);
    assertThat(reviewed).isEmpty();
    DailyReport report = payments.dailyReport(LocalDate.of(2026, 11, 29));
    assertThat(report.doublePayments()).isEqualTo(new StateTotal(PaymentState.REVIEW, 1, 4250));
    assertThat(report.paidCents()).isEqualTo(4250);
  }

  @Test
  void onNotification_whenTwoAttemptsOfOneDebtArePaidConcurrently_fulfilsTheDebtOnce()
      throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(start(REFDET));
    }
    for (String id : ids) {
      resultIs(id, "P", REFDET);
    }
    ExecutorService pool = Executors.newFixedThreadPool(12);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Payment>> results = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String id = ids.get(i % ids.size());
      results.add(
          pool.submit(
              () -> {
                go.await();
                return payments.onNotification(id);
              }));
    }
    go.countDown();
    for (Future<Payment> f : results) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(paid).hasSize(1);
    assertThat(doubles).hasSize(5);
  }

  // ---- 1. bounded reconciliation -------------------------------------------------------------

  @Test
  void reconcile_whenOneLookupHangs_skipsItAndSettlesTheOthers() {
    String stuck = start("FACTSTUCK01");
    wm.stubFor(
        post(urlEqualTo(PATH))
            .withRequestBody(containing("<idOp>" + stuck + "</idOp>"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withFixedDelay(5_000)
                    .withBody(detail(stuck, "P", 4250, "FACTSTUCK01", NUMCLI, "T"))));
    clock.advance(Duration.ofSeconds(1));
    String a = start("FACTOK00001");
    resultIs(a, "P", "FACTOK00001");
    String b = start("FACTOK00002");
    resultIs(b, "R", "FACTOK00002");
    clock.advance(Duration.ofMinutes(10));

    ReconciliationResult r = payments.reconcile();

    assertThat(state(stuck)).isEqualTo(PaymentState.PENDING);
    assertThat(state(a)).isEqualTo(PaymentState.PAID);
    assertThat(state(b)).isEqualTo(PaymentState.REFUSED);
    assertThat(r.errors()).isEqualTo(1);
    assertThat(r.examined()).isEqualTo(3);
  }

  @Test
  void reconcile_whenTheRunDeadlinePasses_stopsLookingUpAndLeavesTheRestForTheNextRun() {
    payments.close();
    payments = payments(Saisie.TEST).reconcileDeadline(Duration.ofNanos(1)).build();
    String a = start("FACTRUN0001");
    resultIs(a, "P", "FACTRUN0001");
    String b = start("FACTRUN0002");
    resultIs(b, "P", "FACTRUN0002");
    clock.advance(Duration.ofMinutes(10));

    ReconciliationResult first = payments.reconcile();
    ReconciliationResult second = payments.reconcile();

    assertThat(first.examined()).isEqualTo(1);
    assertThat(first.interrupted()).isTrue();
    assertThat(second.examined()).isEqualTo(1);
    assertThat(paid).hasSize(2);
  }

  // ---- 6. construction-time validation -------------------------------------------------------

  @Test
  void debt_isValidatedAtConstruction() {
    assertThatThrownBy(() -> new Debt(null, 4250, "x", "payer@example.fr"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("refdet");
    assertThatThrownBy(() -> new Debt("ab", 4250, "x", "payer@example.fr"))
        .isInstanceOf(SocleClientException.class);
    assertThatThrownBy(() -> new Debt(REFDET, 5, "x", "payer@example.fr"))
        .isInstanceOf(SocleClientException.class);
    assertThatThrownBy(() -> new Debt(REFDET, 4250, "x", "not-an-email"))
        .isInstanceOf(SocleClientException.class)
        .hasMessageNotContaining("not-an-email");
  }

  @Test
  void builder_refusesABadNotificationOrReturnUrlAtOnce() {
    assertThatThrownBy(
            () -> Payments.builder().notificationUrl(URI.create("ftp://mairie.example/n")))
        .isInstanceOf(SocleClientException.class);
    assertThatThrownBy(() -> Payments.builder().notificationUrl(URI.create("/relative")))
        .isInstanceOf(SocleClientException.class);
    assertThatThrownBy(
            () ->
                Payments.builder()
                    .returnUrl(URI.create("https://mairie.example/" + "x".repeat(300))))
        .isInstanceOf(SocleClientException.class);
  }
}
