package fr.socle.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static fr.socle.payment.SoapFixtures.created;
import static fr.socle.payment.SoapFixtures.detail;
import static fr.socle.payment.SoapFixtures.fault;
import static fr.socle.payment.SoapFixtures.functional;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleClientException;
import fr.socle.payment.payfip.PayfipClient;
import fr.socle.payment.payfip.PayfipFunctionalException;
import fr.socle.payment.spi.InMemoryPaymentLedger;
import fr.socle.payment.spi.PaymentLedger;
import fr.socle.testkit.TestClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PaymentsTest {
  static final String PATH = "/tpa/services/securite";
  static final String NUMCLI = "090909";
  static final String REFDET = "FACT2026000123";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  final TestClock clock = clockAt("2026-11-29T10:00:00Z");
  final List<Payment> fulfilled = new CopyOnWriteArrayList<>();
  final List<Payment> reviewed = new CopyOnWriteArrayList<>();
  PaymentLedger ledger;
  PayfipClient client;
  Payments payments;

  static TestClock clockAt(String instant) {
    return TestClock.at(Instant.parse(instant));
  }

  @BeforeEach
  void setUp() {
    ledger = new InMemoryPaymentLedger();
    client = PayfipClient.builder().baseUri(URI.create(wm.baseUrl())).build();
    payments = payments(ledger);
  }

  Payments payments(PaymentLedger ledger) {
    return Payments.builder()
        .client(client)
        .ledger(ledger)
        .numcli(NUMCLI)
        .notificationUrl(URI.create("https://mairie.example/payfip/notification"))
        .returnUrl(URI.create("https://mairie.example/payfip/retour"))
        .saisie(Saisie.TEST)
        .clock(clock)
        .listener(
            new PaymentListener() {
              @Override
              public void onPaid(Payment payment) {
                fulfilled.add(payment);
              }

              @Override
              public void onReview(Payment payment) {
                reviewed.add(payment);
              }
            })
        .build();
  }

  @AfterEach
  void tearDown() {
    payments.close();
    client.close();
  }

  static String newIdOp() {
    return UUID.randomUUID().toString();
  }

  static void createAnswers(String idOp) {
    wm.stubFor(
        post(urlEqualTo(PATH))
            .withRequestBody(containing("creerPaiementSecurise"))
            .willReturn(aResponse().withStatus(200).withBody(created(idOp))));
  }

  static void detailAnswers(String idOp, int status, String body) {
    wm.stubFor(
        post(urlEqualTo(PATH))
            .withRequestBody(containing("<idOp>" + idOp + "</idOp>"))
            .willReturn(aResponse().withStatus(status).withBody(body)));
  }

  void resultIs(String idOp, String resultrans) {
    String refdet = ledger.find(idOp).map(Payment::refdet).orElse(REFDET);
    detailAnswers(idOp, 200, detail(idOp, resultrans, 4250, refdet, NUMCLI, "T"));
  }

  StartedPayment start() {
    return start(REFDET);
  }

  StartedPayment start(String refdet) {
    String idOp = newIdOp();
    createAnswers(idOp);
    return payments.create(new Debt(refdet, 4250, "Cantine de décembre", "payer@example.fr"));
  }

  @Test
  void create_recordsThePendingPaymentBeforeReturningTheRedirect() {
    StartedPayment started = start();

    assertThat(started.redirectUrl().toString())
        .isEqualTo(wm.baseUrl() + "/tpa/paiementws.web?idop=" + started.idOp());
    Payment recorded = ledger.find(started.idOp()).orElseThrow();
    assertThat(recorded.state()).isEqualTo(PaymentState.PENDING);
    assertThat(recorded.amountCents()).isEqualTo(4250);
    assertThat(recorded.refdet()).isEqualTo(REFDET);
    assertThat(recorded.numcli()).isEqualTo(NUMCLI);
    assertThat(recorded.exer()).isEqualTo(2026);
    assertThat(recorded.label()).isEqualTo("Cantine de decembre");
    assertThat(recorded.createdAt()).isEqualTo(clock.instant());
    assertThat(recorded.toString()).doesNotContain("payer@example.fr");
    wm.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withRequestBody(containing("<urlnotif>https://mairie.example/payfip/notification<"))
            .withRequestBody(containing("<urlredirect>https://mairie.example/payfip/retour<"))
            .withRequestBody(containing("<exer>2026</exer>")));
  }

  @Test
  void create_whenPayfipRefuses_recordsNothing() {
    wm.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse().withStatus(500).withBody(functional("A2", "Adresse mel incorrecte"))));

    assertThatThrownBy(() -> payments.create(new Debt(REFDET, 4250, "Cantine", "payer@example.fr")))
        .isInstanceOf(PayfipFunctionalException.class);
    assertThat(ledger.findByRefdet(NUMCLI, REFDET)).isEmpty();
  }

  @Test
  void create_whenTheDebtIsInvalid_failsBeforeAnyCall() {
    assertThatThrownBy(() -> payments.create(new Debt("AB", 4250, "x", "payer@example.fr")))
        .isInstanceOf(SocleClientException.class);
    assertThatThrownBy(() -> payments.create(new Debt(REFDET, 12, "x", "payer@example.fr")))
        .isInstanceOf(SocleClientException.class);
    assertThatThrownBy(() -> payments.create(new Debt(REFDET, 4250, "x", "not-an-email")))
        .isInstanceOf(SocleClientException.class);
    wm.verify(exactly(0), postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void create_eachAttemptGetsANewIdOp() {
    StartedPayment first = start();
    StartedPayment second = start();

    assertThat(second.idOp()).isNotEqualTo(first.idOp());
    assertThat(ledger.findByRefdet(NUMCLI, REFDET)).hasSize(2);
  }

  @Test
  void create_whenTheDebtIsAlreadyPaid_refusesANewAttemptWithoutCallingPayfip() {
    StartedPayment first = start();
    resultIs(first.idOp(), "P");
    payments.onNotification(first.idOp());
    wm.resetRequests();

    assertThatThrownBy(() -> payments.create(new Debt(REFDET, 4250, "Cantine", "payer@example.fr")))
        .isInstanceOf(DebtAlreadyPaidException.class);
    wm.verify(exactly(0), postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void onNotification_whenPaid_movesToPaidAndFulfilsOnce() {
    StartedPayment started = start();
    resultIs(started.idOp(), "P");

    Payment paid = payments.onNotification(started.idOp());

    assertThat(paid.state()).isEqualTo(PaymentState.PAID);
    assertThat(paid.means()).isEqualTo(PaymentMeans.CARD);
    assertThat(paid.authorisationNumber()).contains("112233445566-tip");
    assertThat(paid.transactionTime()).contains(Instant.parse("2015-11-19T16:35:00Z"));
    assertThat(paid.resultCode()).contains("P");
    assertThat(fulfilled).extracting(Payment::idOp).containsExactly(started.idOp());
    assertThat(ledger.find(started.idOp()).orElseThrow().state()).isEqualTo(PaymentState.PAID);
  }

  @Test
  void onNotification_whenNotifiedAgainAndOnReturn_neverFulfilsTwiceNorAsksPayfipAgain() {
    StartedPayment started = start();
    resultIs(started.idOp(), "V");
    payments.onNotification(started.idOp());
    wm.resetRequests();

    assertThat(payments.onNotification(started.idOp()).state()).isEqualTo(PaymentState.PAID);
    assertThat(payments.onReturn(started.idOp()).state()).isEqualTo(PaymentState.PAID);

    assertThat(fulfilled).hasSize(1);
    assertThat(fulfilled.get(0).means()).isEqualTo(PaymentMeans.DIRECT_DEBIT);
    wm.verify(exactly(0), postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void onNotification_when200DuplicatesArriveConcurrently_fulfilsExactlyOnce() throws Exception {
    assertConcurrentDuplicatesFulfilOnce(payments, payments);
  }

  @Test
  void onNotification_whenTwoInstancesShareTheLedger_fulfilsExactlyOnce() throws Exception {
    try (Payments other = payments(ledger)) {
      assertConcurrentDuplicatesFulfilOnce(payments, other);
    }
  }

  void assertConcurrentDuplicatesFulfilOnce(Payments a, Payments b) throws Exception {
    StartedPayment started = start();
    resultIs(started.idOp(), "P");
    ExecutorService pool = Executors.newFixedThreadPool(32);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Payment>> results = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Payments target = i % 2 == 0 ? a : b;
      results.add(
          pool.submit(
              () -> {
                go.await();
                return target.onNotification(started.idOp());
              }));
    }
    go.countDown();
    for (Future<Payment> f : results) {
      assertThat(f.get(60, TimeUnit.SECONDS).state()).isEqualTo(PaymentState.PAID);
    }
    pool.shutdown();

    assertThat(fulfilled).hasSize(1);
  }

  @Test
  void onNotification_whenTheAmountDiffers_flagsForReviewAndNeverPays() {
    StartedPayment started = start();
    detailAnswers(started.idOp(), 200, detail(started.idOp(), "P", 100, REFDET, NUMCLI, "T"));

    Payment p = payments.onNotification(started.idOp());

    assertThat(p.state()).isEqualTo(PaymentState.REVIEW);
    assertThat(p.reviewReason()).contains("amount differs from the ledger");
    assertThat(fulfilled).isEmpty();
    assertThat(reviewed).hasSize(1);
    // a later, correct answer does not pay it either: review is final
    resultIs(started.idOp(), "P");
    assertThat(payments.onNotification(started.idOp()).state()).isEqualTo(PaymentState.REVIEW);
    assertThat(payments.reconcile().examined()).isZero();
    assertThat(fulfilled).isEmpty();
  }

  @Test
  void onNotification_whenRefdetNumcliOrModeDiffer_flagsForReview() {
    StartedPayment a = start();
    detailAnswers(a.idOp(), 200, detail(a.idOp(), "P", 4250, "OTHER00001", NUMCLI, "T"));
    StartedPayment b = start();
    detailAnswers(b.idOp(), 200, detail(b.idOp(), "P", 4250, REFDET, "006270", "T"));
    StartedPayment c = start();
    detailAnswers(c.idOp(), 200, detail(c.idOp(), "P", 4250, REFDET, NUMCLI, "W"));
    StartedPayment d = start();
    detailAnswers(
        d.idOp(),
        200,
        detail(d.idOp(), "P", 4250, REFDET, NUMCLI, "T").replace("<montant>4250</montant>", ""));

    assertThat(payments.onNotification(a.idOp()).reviewReason())
        .contains("refdet differs from the ledger");
    assertThat(payments.onNotification(b.idOp()).reviewReason())
        .contains("numcli differs from the ledger");
    assertThat(payments.onNotification(c.idOp()).reviewReason())
        .contains("saisie differs from the ledger");
    assertThat(payments.onNotification(d.idOp()).reviewReason())
        .contains("amount differs from the ledger");
    assertThat(fulfilled).isEmpty();
  }

  @Test
  void onNotification_whenTheResultIsAnUnknownLetter_flagsForReviewAndNeverPays() {
    StartedPayment started = start();
    resultIs(started.idOp(), "Q");

    Payment p = payments.onNotification(started.idOp());

    assertThat(p.state()).isEqualTo(PaymentState.REVIEW);
    assertThat(p.resultCode()).contains("Q");
    assertThat(fulfilled).isEmpty();
  }

  @Test
  void onNotification_whenRefused_movesToRefused() {
    StartedPayment started = start();
    resultIs(started.idOp(), "R");

    assertThat(payments.onNotification(started.idOp()).state()).isEqualTo(PaymentState.REFUSED);
    assertThat(fulfilled).isEmpty();
  }

  @Test
  void onNotification_whenAbandonedRecently_staysPendingThenBecomesAbandoned() {
    StartedPayment started = start();
    resultIs(started.idOp(), "A");

    assertThat(payments.onReturn(started.idOp()).state()).isEqualTo(PaymentState.PENDING);
    clock.advance(Duration.ofMinutes(21));
    assertThat(payments.onNotification(started.idOp()).state()).isEqualTo(PaymentState.ABANDONED);
  }

  @Test
  void onNotification_whenAbandonedThenPaidWithinTheWindow_isPaid() {
    StartedPayment started = start();
    resultIs(started.idOp(), "A");
    payments.onReturn(started.idOp());
    resultIs(started.idOp(), "P");

    assertThat(payments.onNotification(started.idOp()).state()).isEqualTo(PaymentState.PAID);
    assertThat(fulfilled).hasSize(1);
  }

  @Test
  void onReturn_whenTheResultIsNotKnownYet_staysPendingFor20MinutesThenExpires() {
    StartedPayment started = start();
    detailAnswers(started.idOp(), 500, functional("P5", "Résultat de la transaction non connu."));

    assertThat(payments.onReturn(started.idOp()).state()).isEqualTo(PaymentState.PENDING);
    clock.advance(Duration.ofMinutes(19));
    assertThat(payments.onReturn(started.idOp()).state()).isEqualTo(PaymentState.PENDING);
    clock.advance(Duration.ofMinutes(1));
    Payment expired = payments.onReturn(started.idOp());
    assertThat(expired.state()).isEqualTo(PaymentState.EXPIRED);
    assertThat(expired.resultCode()).contains("P5");
  }

  @Test
  void onNotification_whenALatePaymentArrivesAfterExpiry_stillPaysOnce() {
    StartedPayment started = start();
    detailAnswers(started.idOp(), 500, functional("P5", "Résultat de la transaction non connu."));
    clock.advance(Duration.ofMinutes(25));
    assertThat(payments.onReturn(started.idOp()).state()).isEqualTo(PaymentState.EXPIRED);
    resultIs(started.idOp(), "P");

    assertThat(payments.onNotification(started.idOp()).state()).isEqualTo(PaymentState.PAID);
    assertThat(payments.onNotification(started.idOp()).state()).isEqualTo(PaymentState.PAID);
    assertThat(fulfilled).hasSize(1);
  }

  @Test
  void onNotification_whenPayfipNoLongerKnowsTheIdOp_expires() {
    StartedPayment started = start();
    detailAnswers(started.idOp(), 500, functional("P1", "IdOp incorrect."));

    Payment p = payments.onNotification(started.idOp());

    assertThat(p.state()).isEqualTo(PaymentState.EXPIRED);
    assertThat(p.resultCode()).contains("P1");
  }

  @Test
  void onNotification_whenPayfipHasATechnicalFault_throwsAndLeavesThePaymentPending() {
    StartedPayment started = start();
    detailAnswers(started.idOp(), 500, fault("TechIndisponibiliteErreur", "999", "Indisponible"));

    assertThatThrownBy(() -> payments.onNotification(started.idOp()))
        .isInstanceOf(fr.socle.payment.payfip.PayfipTechnicalException.class);
    assertThat(ledger.find(started.idOp()).orElseThrow().state()).isEqualTo(PaymentState.PENDING);
  }

  @Test
  void onNotification_whenTheIdOpIsUnknownOrMalformed_refusesWithoutAskingPayfip() {
    assertThatThrownBy(() -> payments.onNotification(newIdOp()))
        .isInstanceOf(UnknownPaymentException.class);
    assertThatThrownBy(() -> payments.onNotification("' OR 1=1 --"))
        .isInstanceOf(UnknownPaymentException.class);
    assertThatThrownBy(() -> payments.onReturn(null)).isInstanceOf(UnknownPaymentException.class);
    wm.verify(exactly(0), postRequestedFor(urlEqualTo(PATH)));
  }

  Payments withListener(PaymentLedger ledger, PaymentListener listener) {
    return withListener(ledger, listener, Payments.DEFAULT_FULFILMENT_RECORD_DELAY);
  }

  Payments withListener(PaymentLedger ledger, PaymentListener listener, Duration recordDelay) {
    return Payments.builder()
        .client(client)
        .ledger(ledger)
        .numcli(NUMCLI)
        .notificationUrl(URI.create("https://mairie.example/n"))
        .returnUrl(URI.create("https://mairie.example/r"))
        .saisie(Saisie.TEST)
        .clock(clock)
        .listener(listener)
        .fulfilmentRecordDelay(recordDelay)
        .build();
  }

  @Test
  void onNotification_whenTheListenerFailsOnce_reconcileFulfilsItExactlyOnce() {
    List<Payment> calls = new CopyOnWriteArrayList<>();
    List<Payment> succeeded = new CopyOnWriteArrayList<>();
    try (Payments failingOnce =
        withListener(
            ledger,
            p -> {
              calls.add(p);
              if (calls.size() == 1) {
                throw new IllegalStateException("fulfilment down");
              }
              succeeded.add(p);
            })) {
      String idOp = newIdOp();
      createAnswers(idOp);
      failingOnce.create(new Debt(REFDET, 4250, "x", "payer@example.fr"));
      resultIs(idOp, "P");

      assertThat(failingOnce.onNotification(idOp).state()).isEqualTo(PaymentState.PAID);
      // a duplicate notification does not retry: the payment is final
      assertThat(failingOnce.onNotification(idOp).state()).isEqualTo(PaymentState.PAID);
      assertThat(calls).hasSize(1);
      assertThat(failingOnce.fulfilledAt(idOp)).isEmpty();
      assertThat(failingOnce.awaitingFulfilment(10))
          .extracting(Payment::idOp)
          .containsExactly(idOp);

      ReconciliationResult retry = failingOnce.reconcile();
      ReconciliationResult after = failingOnce.reconcile();

      assertThat(retry.fulfilled()).isEqualTo(1);
      assertThat(retry.fulfilmentFailures()).isZero();
      assertThat(after.fulfilled()).isZero();
      assertThat(calls).hasSize(2);
      assertThat(succeeded).extracting(Payment::idOp).containsExactly(idOp);
      assertThat(succeeded.get(0).state()).isEqualTo(PaymentState.PAID);
      assertThat(failingOnce.fulfilledAt(idOp)).contains(clock.instant());
      assertThat(failingOnce.awaitingFulfilment(10)).isEmpty();
    }
  }

  @Test
  void reconcile_whenTheListenerKeepsFailing_retriesEveryRunAndCountsTheFailures() {
    List<Payment> calls = new CopyOnWriteArrayList<>();
    try (Payments failing =
        withListener(
            ledger,
            p -> {
              calls.add(p);
              throw new IllegalStateException("fulfilment down");
            })) {
      String idOp = newIdOp();
      createAnswers(idOp);
      failing.create(new Debt(REFDET, 4250, "x", "payer@example.fr"));
      resultIs(idOp, "P");
      clock.advance(Duration.ofMinutes(6));

      ReconciliationResult first = failing.reconcile(); // pays, the listener fails
      ReconciliationResult second = failing.reconcile();

      assertThat(first.paid()).isEqualTo(1);
      assertThat(first.fulfilmentFailures()).isEqualTo(1); // not retried twice in one run
      assertThat(second.fulfilmentFailures()).isEqualTo(1);
      assertThat(calls).hasSize(2);
      assertThat(ledger.find(idOp).orElseThrow().state()).isEqualTo(PaymentState.PAID);
      assertThat(failing.awaitingFulfilment(10)).hasSize(1);
    }
  }

  @Test
  void onNotification_recordsTheFulfilmentShortlyAfter_andThisNodeReadsItAtOnce() throws Exception {
    List<Payment> calls = new CopyOnWriteArrayList<>();
    PaymentListener listener = calls::add;
    try (Payments node = withListener(ledger, listener, Payments.MAX_FULFILMENT_RECORD_DELAY)) {
      String idOp = newIdOp();
      createAnswers(idOp);
      node.create(new Debt(REFDET, 4250, "x", "payer@example.fr"));
      resultIs(idOp, "P");

      assertThat(node.onNotification(idOp).state()).isEqualTo(PaymentState.PAID);

      assertThat(calls).hasSize(1);
      // the record waits (another node would not see it yet, and could not run the listener: the
      // claim holds); this node writes it before answering
      assertThat(ledger.fulfilledAt(idOp)).isEmpty();
      assertThat(ledger.claimFulfilment(idOp, "other-node", clock.instant(), clock.instant()))
          .isFalse();
      assertThat(node.fulfilledAt(idOp)).contains(clock.instant());
      assertThat(ledger.fulfilledAt(idOp)).contains(clock.instant());
    }
  }

  @Test
  void onNotification_whenTheNodeStopsWhileTheRecordWaits_theListenerRunsAgainAfterTheLease() {
    List<Payment> first = new CopyOnWriteArrayList<>();
    List<Payment> second = new CopyOnWriteArrayList<>();
    PaymentListener firstListener = first::add;
    // the process dies with its records: none of them ever reaches the ledger
    PaymentLedger dying =
        (PaymentLedger)
            java.lang.reflect.Proxy.newProxyInstance(
                PaymentLedger.class.getClassLoader(),
                new Class<?>[] {PaymentLedger.class},
                (self, method, args) -> {
                  if (method.getName().startsWith("completeFulfilment")) {
                    throw new SocleClientException("process stopped");
                  }
                  try {
                    return method.invoke(ledger, args);
                  } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    Payments stopping = withListener(dying, firstListener, Payments.MAX_FULFILMENT_RECORD_DELAY);
    String idOp = newIdOp();
    createAnswers(idOp);
    stopping.create(new Debt(REFDET, 4250, "x", "payer@example.fr"));
    resultIs(idOp, "P");
    stopping.onNotification(idOp); // the listener ran; the process dies before the record
    try (Payments survivor = withListener(ledger, second::add)) {
      assertThat(survivor.reconcile().fulfilled()).isZero(); // the claim holds

      clock.advance(Payments.DEFAULT_FULFILMENT_LEASE);

      assertThat(survivor.reconcile().fulfilled()).isEqualTo(1);
      assertThat(first).extracting(Payment::idOp).containsExactly(idOp);
      assertThat(second).extracting(Payment::idOp).containsExactly(idOp);
    } finally {
      stopping.close();
    }
  }

  @Test
  void reconcile_whenANodeStoppedAfterClaimingTheFulfilment_fulfilsOnceTheLeaseExpires() {
    StartedPayment started = start();
    resultIs(started.idOp(), "P");
    // another node won PAID and took the claim, then stopped without acknowledging
    Instant now = clock.instant();
    ledger.transition(
        new fr.socle.payment.spi.StateTransition(
            started.idOp(),
            java.util.EnumSet.of(PaymentState.PENDING),
            PaymentState.PAID,
            now,
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            PaymentMeans.CARD,
            java.util.Optional.of("P"),
            java.util.Optional.empty()));
    assertThat(
            ledger.claimFulfilment(
                started.idOp(), "stopped-node", now, now.plus(Payments.DEFAULT_FULFILMENT_LEASE)))
        .isTrue();

    clock.advance(Duration.ofMinutes(9));
    assertThat(payments.reconcile().fulfilled()).isZero();
    assertThat(fulfilled).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    assertThat(payments.reconcile().fulfilled()).isEqualTo(1);
    assertThat(payments.reconcile().fulfilled()).isZero();
    assertThat(fulfilled).extracting(Payment::idOp).containsExactly(started.idOp());
    assertThat(payments.fulfilledAt(started.idOp())).contains(clock.instant());
  }

  @Test
  void reconcile_whenTheReviewListenerFailedOnce_retriesIt() {
    List<Payment> reviews = new CopyOnWriteArrayList<>();
    try (Payments p =
        withListener(
            ledger,
            new PaymentListener() {
              @Override
              public void onPaid(Payment payment) {
                fulfilled.add(payment);
              }

              @Override
              public void onReview(Payment payment) {
                reviews.add(payment);
                if (reviews.size() == 1) {
                  throw new IllegalStateException("ticketing down");
                }
              }
            })) {
      String idOp = newIdOp();
      createAnswers(idOp);
      p.create(new Debt(REFDET, 4250, "x", "payer@example.fr"));
      detailAnswers(idOp, 200, SoapFixtures.detail(idOp, "P", 1, REFDET, NUMCLI, "T"));

      assertThat(p.onNotification(idOp).state()).isEqualTo(PaymentState.REVIEW);
      assertThat(p.reconcile().fulfilled()).isEqualTo(1);
      assertThat(p.reconcile().fulfilled()).isZero();
      assertThat(reviews).hasSize(2);
      assertThat(fulfilled).isEmpty();
    }
  }

  @Test
  void reconcile_whenTheNotificationWasLost_paysExactlyOnce() {
    StartedPayment started = start();
    resultIs(started.idOp(), "P");

    assertThat(payments.reconcile().examined()).isZero(); // too young: the payer is on the page
    clock.advance(Duration.ofMinutes(6));
    ReconciliationResult first = payments.reconcile();
    ReconciliationResult second = payments.reconcile();

    assertThat(first.examined()).isEqualTo(1);
    assertThat(first.paid()).isEqualTo(1);
    assertThat(first.settled()).isEqualTo(1);
    assertThat(second.examined()).isZero();
    assertThat(fulfilled).extracting(Payment::idOp).containsExactly(started.idOp());
    // the notification that finally arrives changes nothing
    payments.onNotification(started.idOp());
    assertThat(fulfilled).hasSize(1);
  }

  @Test
  void reconcile_settlesEveryKindOfResult() {
    StartedPayment paid = start();
    resultIs(paid.idOp(), "P");
    StartedPayment refused = start();
    resultIs(refused.idOp(), "Z");
    StartedPayment unknownYet = start();
    detailAnswers(
        unknownYet.idOp(), 500, functional("P5", "Résultat de la transaction non connu."));
    StartedPayment purged = start();
    detailAnswers(purged.idOp(), 500, functional("P1", "IdOp incorrect."));
    clock.advance(Duration.ofMinutes(10));

    ReconciliationResult r = payments.reconcile();

    assertThat(r.examined()).isEqualTo(4);
    assertThat(r.paid()).isEqualTo(1);
    assertThat(r.settled()).isEqualTo(3);
    assertThat(r.stillPending()).isEqualTo(1);
    assertThat(r.interrupted()).isFalse();
    assertThat(ledger.find(refused.idOp()).orElseThrow().state()).isEqualTo(PaymentState.REFUSED);
    assertThat(ledger.find(purged.idOp()).orElseThrow().state()).isEqualTo(PaymentState.EXPIRED);
    clock.advance(Duration.ofMinutes(15));
    assertThat(payments.reconcile().settled()).isEqualTo(1);
    assertThat(ledger.find(unknownYet.idOp()).orElseThrow().state())
        .isEqualTo(PaymentState.EXPIRED);
  }

  @Test
  void reconcile_whenPayfipIsDown_stopsTheRunAndKeepsPaymentsPending() {
    start();
    start();
    wm.stubFor(
        post(urlEqualTo(PATH))
            .withRequestBody(containing("recupererDetailPaiementSecurise"))
            .willReturn(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>")));
    clock.advance(Duration.ofMinutes(10));

    ReconciliationResult r = payments.reconcile();

    assertThat(r.interrupted()).isTrue();
    assertThat(r.examined()).isEqualTo(1);
    assertThat(r.errors()).isEqualTo(1);
    assertThat(ledger.findByState(PaymentState.PENDING, clock.instant(), 10)).hasSize(2);
  }

  @Test
  void reconcileEvery_settlesLostNotificationsInTheBackground() throws Exception {
    StartedPayment started = start();
    resultIs(started.idOp(), "P");
    clock.advance(Duration.ofMinutes(10));
    try (Payments scheduled =
        Payments.builder()
            .client(client)
            .ledger(ledger)
            .numcli(NUMCLI)
            .notificationUrl(URI.create("https://mairie.example/n"))
            .returnUrl(URI.create("https://mairie.example/r"))
            .saisie(Saisie.TEST)
            .clock(clock)
            .listener(fulfilled::add)
            .reconcileEvery(Duration.ofMillis(50))
            .build()) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (fulfilled.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
    assertThat(fulfilled).hasSize(1);
    assertThat(ledger.find(started.idOp()).orElseThrow().state()).isEqualTo(PaymentState.PAID);
  }

  @Test
  void dailyReport_countsAndTotalsByStateOverTheParisDay() {
    // 29 Nov 2026 00:30 in Paris is 28 Nov 23:30 UTC
    clock.set(Instant.parse("2026-11-28T23:30:00Z"));
    StartedPayment paid = start("FACTDAY001");
    resultIs(paid.idOp(), "P");
    payments.onNotification(paid.idOp());
    StartedPayment refused = start("FACTDAY002");
    resultIs(refused.idOp(), "R");
    payments.onNotification(refused.idOp());
    start("FACTDAY003");
    clock.set(Instant.parse("2026-11-29T23:30:00Z")); // 30 Nov in Paris
    start("FACTDAY004");

    DailyReport report = payments.dailyReport(LocalDate.of(2026, 11, 29));

    assertThat(report.numcli()).isEqualTo(NUMCLI);
    assertThat(report.of(PaymentState.PAID)).isEqualTo(new StateTotal(PaymentState.PAID, 1, 4250));
    assertThat(report.of(PaymentState.REFUSED).count()).isEqualTo(1);
    assertThat(report.of(PaymentState.PENDING))
        .isEqualTo(new StateTotal(PaymentState.PENDING, 1, 4250));
    assertThat(report.of(PaymentState.REVIEW).count()).isZero();
    assertThat(report.paidCents()).isEqualTo(4250);
    assertThat(Payments.dailyReport(ledger, "123456", LocalDate.of(2026, 11, 29)).paidCents())
        .isZero();
  }

  @Test
  void idOpFrom_acceptsEverySpellingAndSource() {
    String id = newIdOp();
    assertThat(Payments.idOpFrom(Map.of("idop", id))).contains(id);
    assertThat(Payments.idOpFrom(Map.of("idOp", new String[] {id}))).contains(id);
    assertThat(Payments.idOpFrom(Map.of("IdOp", List.of(id)))).contains(id);
    assertThat(Payments.idOpFrom(Map.of("IDOP", " " + id + " "))).contains(id);
    Map<String, Object> both = new LinkedHashMap<>();
    both.put("idop", id);
    both.put("idOp", new String[] {id});
    assertThat(Payments.idOpFrom(both)).contains(id);
  }

  @Test
  void idOpFrom_whenAbsentConflictingOrMalformed_isEmpty() {
    assertThat(Payments.idOpFrom(Map.of())).isEmpty();
    assertThat(Payments.idOpFrom(Map.of("id", newIdOp()))).isEmpty();
    assertThat(Payments.idOpFrom(Map.of("idop", new String[] {newIdOp(), newIdOp()}))).isEmpty();
    assertThat(Payments.idOpFrom(Map.of("idop", "<script>"))).isEmpty();
    assertThat(Payments.idOpFrom(Map.of("idop", ""))).isEmpty();
  }

  @Test
  void builder_whenASettingIsMissingOrInvalid_refuses() {
    assertThatThrownBy(() -> Payments.builder().numcli("12"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Payments.builder().client(client).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("ledger is required");
  }
}
