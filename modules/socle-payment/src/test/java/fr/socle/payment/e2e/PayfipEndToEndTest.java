package fr.socle.payment.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.SocleClientException;
import fr.socle.core.SocleServiceException;
import fr.socle.core.SocleTimeoutException;
import fr.socle.payment.Debt;
import fr.socle.payment.Payment;
import fr.socle.payment.PaymentMeans;
import fr.socle.payment.PaymentState;
import fr.socle.payment.Payments;
import fr.socle.payment.ReconciliationResult;
import fr.socle.payment.Saisie;
import fr.socle.payment.StartedPayment;
import fr.socle.payment.payfip.PayfipClient;
import fr.socle.payment.payfip.PayfipClientDetail;
import fr.socle.payment.payfip.PayfipFunctionalException;
import fr.socle.payment.payfip.PayfipTechnicalException;
import fr.socle.payment.spi.InMemoryPaymentLedger;
import fr.socle.testkit.TestClock;
import fr.socle.testkit.payfip.Misbehaviour;
import fr.socle.testkit.payfip.NotificationAttempt;
import fr.socle.testkit.payfip.Outcome;
import fr.socle.testkit.payfip.PayfipSimulator;
import fr.socle.testkit.payfip.PayfipSimulatorExtension;
import fr.socle.testkit.payfip.TechnicalFault;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Payments} and {@link PayfipClient} against the PayFiP simulator, over real HTTP: a payer's
 * browser on the payment page, PayFiP's notifications to a merchant endpoint, the reconciliation,
 * and the failures of the real service and its network.
 */
class PayfipEndToEndTest {
  static final String NUMCLI = "006270";

  // 10:00 in Paris. The simulator's nightly purge runs at 02:00 Paris time.
  final TestClock clock = TestClock.at(Instant.parse("2026-11-29T09:00:00Z"));

  @RegisterExtension
  final PayfipSimulatorExtension payfip =
      new PayfipSimulatorExtension(
          PayfipSimulator.builder()
              .client(NUMCLI, "MAIRIE DE DEMO", "REGIE CANTINE", "BUDGET PRINCIPAL")
              .clock(clock));

  PayfipSimulator sim;
  MerchantApp merchant;
  InMemoryPaymentLedger ledger;
  PayfipClient client;
  Payments payments;
  final Browser browser = new Browser();

  @BeforeEach
  void setUp() throws Exception {
    sim = payfip.simulator();
    merchant = new MerchantApp();
    ledger = new InMemoryPaymentLedger();
    client =
        PayfipClient.builder()
            .endpoint(sim.soapEndpoint())
            .paymentPage(sim.paymentPageUrl())
            .httpTransport(http -> http.responseTimeout(Duration.ofSeconds(3)))
            .build();
    payments = payments(NUMCLI);
    merchant.use(payments);
  }

  Payments payments(String numcli) {
    return Payments.builder()
        .client(client)
        .ledger(ledger)
        .numcli(numcli)
        .notificationUrl(merchant.notificationUrl())
        .returnUrl(merchant.returnUrl())
        .saisie(Saisie.TEST)
        .listener(merchant)
        .clock(clock)
        .build();
  }

  @AfterEach
  void tearDown() {
    payments.close();
    client.close();
    merchant.close();
  }

  StartedPayment start(String refdet) {
    return payments.create(
        new Debt(refdet, 2350, "Cantine de novembre (été)", "parent@example.org"));
  }

  PaymentState state(String idOp) {
    return payments.find(idOp).orElseThrow().state();
  }

  @Test
  void configurationCheck_readsTheRegieLabels() {
    PayfipClientDetail detail = client.clientDetail(NUMCLI);

    assertThat(detail.libelleN1()).isEqualTo("MAIRIE DE DEMO");
    assertThat(detail.libelleN2()).isEqualTo("REGIE CANTINE");
  }

  @Test
  void cardPayment_throughTheBrowser_isPaidAndFulfilledOnce() throws Exception {
    StartedPayment started = start("FACT2026000123");
    String idOp = started.idOp();

    assertThat(started.redirectUrl()).isEqualTo(sim.paymentPageUrl(idOp));
    assertThat(state(idOp)).isEqualTo(PaymentState.PENDING);
    assertThat(sim.operation(idOp).orElseThrow().objet()).hasValue("Cantine de novembre ete");

    clock.advance(Duration.ofMinutes(2));
    Browser.Visit visit = browser.pay(started.redirectUrl(), Outcome.CARD_PAID);

    assertThat(visit.pageState()).isEqualTo("open");
    assertThat(visit.choiceStatus()).isEqualTo(302);
    assertThat(visit.redirect().toString()).startsWith(merchant.returnUrl() + "?idop=");
    assertThat(visit.returnPage()).isEqualTo("PAID");
    assertThat(merchant.notificationsReceived()).isEqualTo(1);
    assertThat(merchant.fulfilments(idOp)).isEqualTo(1);
    Payment paid = payments.find(idOp).orElseThrow();
    assertThat(paid.means()).isEqualTo(PaymentMeans.CARD);
    assertThat(paid.amountCents()).isEqualTo(2350);
    assertThat(paid.authorisationNumber()).isPresent();
    // PayFiP's Paris-local date and time, without seconds, back to an instant.
    assertThat(paid.transactionTime()).hasValue(clock.instant().truncatedTo(ChronoUnit.MINUTES));
  }

  @Test
  void directDebit_isPaidAsDirectDebit() throws Exception {
    StartedPayment started = start("FACT2026000124");

    assertThat(browser.pay(started.redirectUrl(), Outcome.DIRECT_DEBIT_VALIDATED).returnPage())
        .isEqualTo("PAID");
    assertThat(payments.find(started.idOp()).orElseThrow().means())
        .isEqualTo(PaymentMeans.DIRECT_DEBIT);
    assertThat(merchant.fulfilments(started.idOp())).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void refusedPayment_isRefusedAndNeverFulfilled(Outcome refusal) throws Exception {
    StartedPayment started = start("FACT2026000125");

    assertThat(browser.pay(started.redirectUrl(), refusal).returnPage()).isEqualTo("REFUSED");
    assertThat(merchant.totalFulfilments()).isZero();
  }

  static Stream<Outcome> refusals() {
    return Stream.of(Outcome.CARD_REFUSED, Outcome.DIRECT_DEBIT_REFUSED);
  }

  @Test
  void abandonedPayment_staysOpenWhileYoung_thenReconciliationClosesIt() throws Exception {
    StartedPayment started = start("FACT2026000126");

    assertThat(browser.pay(started.redirectUrl(), Outcome.ABANDONED).returnPage())
        .isEqualTo("PENDING");

    clock.advance(Duration.ofMinutes(21));
    ReconciliationResult run = payments.reconcile();

    assertThat(run.settled()).isEqualTo(1);
    assertThat(state(started.idOp())).isEqualTo(PaymentState.ABANDONED);
    assertThat(merchant.totalFulfilments()).isZero();
  }

  @Test
  void abandonedPayment_reopenedAndPaidWithinItsLifetime_isFulfilledOnce() throws Exception {
    StartedPayment started = start("FACT2026000127");
    browser.pay(started.redirectUrl(), Outcome.ABANDONED);
    clock.advance(Duration.ofMinutes(4));

    Browser.Visit second = browser.pay(started.redirectUrl(), Outcome.CARD_PAID);

    assertThat(second.pageState()).isEqualTo("open");
    assertThat(second.returnPage()).isEqualTo("PAID");
    assertThat(merchant.fulfilments(started.idOp())).isEqualTo(1);
  }

  @Test
  @DisplayName("200 concurrent duplicate notifications give exactly one fulfilment")
  void duplicateNotifications_concurrent_fulfilOnce() throws Exception {
    StartedPayment started = start("FACT2026000128");
    sim.misbehave(Misbehaviour.duplicateNotification(200));

    Browser.Visit visit = browser.pay(started.redirectUrl(), Outcome.CARD_PAID);

    assertThat(sim.notifications()).hasSize(200).allMatch(NotificationAttempt::delivered);
    assertThat(merchant.notificationsReceived()).isEqualTo(200);
    assertThat(visit.returnPage()).isEqualTo("PAID");
    assertThat(merchant.fulfilments(started.idOp())).isEqualTo(1);
    assertThat(merchant.totalFulfilments()).isEqualTo(1);
  }

  @Test
  void droppedNotification_andPayerNeverBack_isRecoveredByReconciliationExactlyOnce() {
    StartedPayment started = start("FACT2026000129");
    sim.misbehave(Misbehaviour.dropNotification());

    sim.complete(started.idOp(), Outcome.CARD_PAID); // the payer pays, then closes the tab

    assertThat(merchant.notificationsReceived()).isZero();
    assertThat(state(started.idOp())).isEqualTo(PaymentState.PENDING);

    clock.advance(Duration.ofMinutes(6));
    ReconciliationResult first = payments.reconcile();
    ReconciliationResult second = payments.reconcile();

    assertThat(first.paid()).isEqualTo(1);
    assertThat(second.paid()).isZero();
    assertThat(state(started.idOp())).isEqualTo(PaymentState.PAID);
    assertThat(merchant.fulfilments(started.idOp())).isEqualTo(1);

    // The payer's browser finally comes back: nothing more happens.
    assertThat(payments.onReturn(started.idOp()).state()).isEqualTo(PaymentState.PAID);
    assertThat(merchant.fulfilments(started.idOp())).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notificationShapes")
  void notification_inEveryShapeSeenInTheField_settlesThePaymentAlone(
      String shape, List<Misbehaviour> misbehaviours) {
    StartedPayment started = start("FACT2026000130");
    sim.misbehave(misbehaviours.toArray(Misbehaviour[]::new));

    sim.complete(started.idOp(), Outcome.CARD_PAID); // no browser return: the notification alone

    assertThat(merchant.notificationsReceived()).isEqualTo(1);
    assertThat(merchant.notificationsFailed()).isZero();
    assertThat(state(started.idOp())).isEqualTo(PaymentState.PAID);
    assertThat(merchant.fulfilments(started.idOp())).isEqualTo(1);
  }

  static Stream<Arguments> notificationShapes() {
    return Stream.of(
        Arguments.of("POST idop (lowercase, as PayFiP sends it)", List.of()),
        Arguments.of("POST idOp", List.of(Misbehaviour.notificationParameter("idOp"))),
        Arguments.of("POST IdOp", List.of(Misbehaviour.notificationParameter("IdOp"))),
        Arguments.of("GET ?idop=", List.of(Misbehaviour.notificationByGet())),
        Arguments.of(
            "GET ?IdOp=",
            List.of(Misbehaviour.notificationByGet(), Misbehaviour.notificationParameter("IdOp"))));
  }

  @Test
  void delayedNotification_afterTheBrowserReturn_doesNotFulfilTwice() throws Exception {
    StartedPayment started = start("FACT2026000131");
    sim.misbehave(Misbehaviour.delayNotification(Duration.ofMillis(300)));

    assertThat(browser.pay(started.redirectUrl(), Outcome.CARD_PAID).returnPage())
        .isEqualTo("PAID");
    assertThat(sim.awaitNotifications(1, Duration.ofSeconds(30)))
        .singleElement()
        .satisfies(n -> assertThat(n.delivered()).isTrue());

    assertThat(merchant.notificationsReceived()).isEqualTo(1);
    assertThat(merchant.fulfilments(started.idOp())).isEqualTo(1);
  }

  @Test
  void paymentPage_after15Minutes_isExpired_andTheResultStaysUnknownUntil20Minutes()
      throws Exception {
    StartedPayment started = start("FACT2026000132");
    clock.advance(Duration.ofMinutes(15));

    assertThat(browser.pay(started.redirectUrl(), Outcome.CARD_PAID).pageState())
        .isEqualTo("expired");

    clock.advance(Duration.ofMinutes(1));
    assertThat(payments.reconcile().stillPending()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(5)); // 21 minutes: P5 past the pending timeout
    payments.reconcile();

    Payment expired = payments.find(started.idOp()).orElseThrow();
    assertThat(expired.state()).isEqualTo(PaymentState.EXPIRED);
    assertThat(expired.resultCode()).hasValue("P5");
    assertThat(merchant.totalFulfilments()).isZero();
  }

  @Test
  void purgedOperation_answersP1_isExpired_andANewAttemptGetsANewIdOp() throws Exception {
    StartedPayment first = start("FACT2026000133");
    clock.set(Instant.parse("2026-11-30T01:00:00Z")); // 02:00 Paris: the nightly purge

    payments.reconcile();

    Payment expired = payments.find(first.idOp()).orElseThrow();
    assertThat(expired.state()).isEqualTo(PaymentState.EXPIRED);
    assertThat(expired.resultCode()).hasValue("P1");
    assertThat(browser.pay(first.redirectUrl(), Outcome.CARD_PAID).pageState())
        .isEqualTo("unknown");

    StartedPayment retry = start("FACT2026000133");

    assertThat(retry.idOp()).isNotEqualTo(first.idOp());
    assertThat(browser.pay(retry.redirectUrl(), Outcome.CARD_PAID).returnPage()).isEqualTo("PAID");
    assertThat(merchant.fulfilments(retry.idOp())).isEqualTo(1);
    assertThat(merchant.totalFulfilments()).isEqualTo(1);
  }

  @Test
  void slowSoap_makesTheLookupTimeOut_andThePaymentStaysPending() {
    StartedPayment started = start("FACT2026000134");
    sim.misbehave(Misbehaviour.dropNotification());
    sim.complete(started.idOp(), Outcome.CARD_PAID);
    sim.misbehave(Misbehaviour.slowSoap(Duration.ofSeconds(20)));

    assertThatThrownBy(() -> payments.onNotification(started.idOp()))
        .isInstanceOf(SocleTimeoutException.class);
    assertThat(state(started.idOp())).isEqualTo(PaymentState.PENDING);
    assertThat(merchant.totalFulfilments()).isZero();

    sim.behave();

    assertThat(payments.onNotification(started.idOp()).state()).isEqualTo(PaymentState.PAID);
    assertThat(merchant.fulfilments(started.idOp())).isEqualTo(1);
  }

  @Test
  void badGatewayWithoutEnvelope_isATypedServiceError_andNeverPays() {
    StartedPayment started = start("FACT2026000135");
    sim.misbehave(Misbehaviour.dropNotification());
    sim.complete(started.idOp(), Outcome.CARD_PAID);
    sim.misbehave(Misbehaviour.badGateway());

    assertThatThrownBy(() -> payments.onNotification(started.idOp()))
        .isInstanceOf(SocleServiceException.class)
        .satisfies(e -> assertThat(((SocleServiceException) e).statusCode()).isEqualTo(502));
    clock.advance(Duration.ofMinutes(6));
    ReconciliationResult run = payments.reconcile();

    assertThat(run.interrupted()).isTrue();
    assertThat(run.paid()).isZero();
    assertThat(state(started.idOp())).isEqualTo(PaymentState.PENDING);
    assertThat(merchant.totalFulfilments()).isZero();

    sim.behave();

    assertThat(payments.reconcile().paid()).isEqualTo(1);
    assertThat(merchant.fulfilments(started.idOp())).isEqualTo(1);
  }

  @Test
  void connectionReset_onEveryLookup_isATypedClientError_andNeverPays() {
    StartedPayment started = start("FACT2026000136");
    sim.misbehave(Misbehaviour.dropNotification());
    sim.complete(started.idOp(), Outcome.CARD_PAID);
    sim.misbehave(Misbehaviour.connectionReset());

    assertThatThrownBy(() -> payments.onNotification(started.idOp()))
        .isInstanceOf(SocleClientException.class)
        .isNotInstanceOf(SocleTimeoutException.class);
    assertThat(state(started.idOp())).isEqualTo(PaymentState.PENDING);
    assertThat(merchant.totalFulfilments()).isZero();
  }

  @Test
  void connectionReset_once_isAbsorbedByTheLookupRetry() {
    StartedPayment started = start("FACT2026000137");
    sim.misbehave(Misbehaviour.dropNotification());
    sim.complete(started.idOp(), Outcome.CARD_PAID);
    sim.misbehave(Misbehaviour.connectionReset().times(1));

    assertThat(payments.onNotification(started.idOp()).state()).isEqualTo(PaymentState.PAID);
    assertThat(merchant.fulfilments(started.idOp())).isEqualTo(1);
  }

  @Test
  void connectionReset_onCreation_recordsNothingAndIsNotRetried() {
    sim.misbehave(Misbehaviour.connectionReset().times(1));

    assertThatThrownBy(() -> start("FACT2026000138")).isInstanceOf(SocleClientException.class);
    assertThat(ledger.findByRefdet(NUMCLI, "FACT2026000138")).isEmpty();
    // A fresh attempt works and gets its own operation.
    StartedPayment retry = start("FACT2026000138");
    assertThat(ledger.findByRefdet(NUMCLI, "FACT2026000138")).hasSize(1);
    assertThat(sim.operation(retry.idOp())).isPresent();
  }

  @Test
  void technicalFault_onCreation_isTypedAndRecordsNothing() {
    sim.misbehave(Misbehaviour.technicalFault(TechnicalFault.INDISPONIBILITE).times(1));

    assertThatThrownBy(() -> start("FACT2026000139")).isInstanceOf(PayfipTechnicalException.class);
    assertThat(ledger.findByRefdet(NUMCLI, "FACT2026000139")).isEmpty();
  }

  @Test
  void technicalFault_duringReconciliation_interruptsTheRunAndKeepsThePaymentPending() {
    StartedPayment started = start("FACT2026000140");
    sim.misbehave(Misbehaviour.dropNotification());
    sim.complete(started.idOp(), Outcome.CARD_PAID);
    sim.misbehave(Misbehaviour.technicalFault(TechnicalFault.DYSFONCTIONNEMENT));
    clock.advance(Duration.ofMinutes(6));

    ReconciliationResult run = payments.reconcile();

    assertThat(run.interrupted()).isTrue();
    assertThat(state(started.idOp())).isEqualTo(PaymentState.PENDING);
    assertThat(merchant.totalFulfilments()).isZero();
  }

  @Test
  void unknownRegie_isRefusedByPayfipWithAFunctionalFault_andNothingIsRecorded() {
    try (Payments other = payments("999999")) {
      assertThatThrownBy(
              () -> other.create(new Debt("FACT2026000141", 2350, "Cantine", "p@example.org")))
          .isInstanceOf(PayfipFunctionalException.class)
          .satisfies(e -> assertThat(((PayfipFunctionalException) e).errorCode()).hasValue("T2"));
    }
    assertThat(ledger.findByRefdet("999999", "FACT2026000141")).isEmpty();
  }
}
