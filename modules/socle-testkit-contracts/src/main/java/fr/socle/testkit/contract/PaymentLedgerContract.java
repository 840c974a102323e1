package fr.socle.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleClientException;
import fr.socle.payment.DebtAlreadyPaidException;
import fr.socle.payment.Payment;
import fr.socle.payment.PaymentMeans;
import fr.socle.payment.PaymentState;
import fr.socle.payment.Saisie;
import fr.socle.payment.StateTotal;
import fr.socle.payment.spi.FulfilmentRecord;
import fr.socle.payment.spi.PaymentLedger;
import fr.socle.payment.spi.StateTransition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PaymentLedger} must do, as a JUnit 5 suite: extend it, return a new, empty
 * ledger from {@link #createLedger()}, and the suite runs against it. Socle runs it on the
 * in-memory ledger, on H2 and on PostgreSQL; a ledger on another database passes it before it is
 * trusted with payments.
 *
 * <pre>{@code
 * class MyLedgerContractTest extends PaymentLedgerContract {
 *   protected PaymentLedger createLedger() {
 *     return MyLedger.create(freshDatabase());
 *   }
 * }
 * }</pre>
 *
 * <p>What it pins:
 *
 * <ul>
 *   <li>records: every field of a payment comes back as inserted (instants to the microsecond), a
 *       second insert of an operation id is refused with a {@link SocleClientException};
 *   <li>operation ids are exact keys: a ledger stores and returns an id as given and finds it only
 *       in that spelling. Normalising is the caller's job ({@code Payments} hands the ledger
 *       lower-case ids), so a ledger on a case-insensitive collation must give its id column a
 *       binary one;
 *   <li>states: every state can be recorded; a transition applies if and only if the payment is in
 *       one of its source states, keeps the fields the transition leaves empty, and of several
 *       concurrent callers exactly one wins;
 *   <li>a debt is paid once: a second PAID for one numcli and refdet fails with {@link
 *       DebtAlreadyPaidException} and changes nothing, atomically against concurrent attempts;
 *   <li>fulfilment: a time-limited claim that at most one caller holds, released only by its
 *       holder, taken in the same change as the transition when asked; completion recorded once;
 *   <li>the queries (re-checks, states, debts, totals) and their order;
 *   <li>errors: a limit under 1 is an {@link InvalidInputException}, a null argument a {@link
 *       NullPointerException} whose message names the parameter.
 * </ul>
 *
 * <p>The concurrency tests start their threads together and count winners; they assert no timing.
 */
public abstract class PaymentLedgerContract {

  /** The creation time of the payments of the suite; microsecond precision, like SQL timestamps. */
  protected static final Instant T0 = Instant.parse("2026-11-29T10:00:00.123456Z");

  /** The régie of the suite's payments. */
  protected static final String NUMCLI = "090909";

  private PaymentLedger ledger;

  /** For subclasses. */
  protected PaymentLedgerContract() {}

  /**
   * Returns a new, empty ledger. Called before each test.
   *
   * @return the ledger under test
   */
  protected abstract PaymentLedger createLedger();

  /**
   * Returns the ledger of the current test, for tests a subclass adds.
   *
   * @return the ledger {@link #createLedger()} returned for this test
   */
  protected final PaymentLedger ledger() {
    return ledger;
  }

  /**
   * Returns how many threads race in the concurrency tests.
   *
   * @return 16 by default
   */
  protected int racers() {
    return 16;
  }

  @BeforeEach
  final void createTheLedger() {
    ledger = createLedger();
    assertThat(ledger).as("createLedger()").isNotNull();
  }

  /**
   * A new pending payment of the suite's régie, with a random operation id.
   *
   * @param refdet the debt reference
   * @param at its creation time
   * @return the payment
   */
  protected static Payment pending(String refdet, Instant at) {
    return pending(NUMCLI, refdet, at);
  }

  /**
   * A new pending payment, with a random operation id.
   *
   * @param numcli the régie
   * @param refdet the debt reference
   * @param at its creation time
   * @return the payment
   */
  protected static Payment pending(String numcli, String refdet, Instant at) {
    return Payment.pending(
        UUID.randomUUID().toString(),
        numcli,
        refdet,
        2026,
        4250,
        "Cantine",
        "payer@example.fr",
        Saisie.TEST,
        at);
  }

  /**
   * The transition a paid lookup makes: from PENDING or EXPIRED to PAID, by card.
   *
   * @param idOp the payment
   * @param at when
   * @return the transition
   */
  protected static StateTransition paid(String idOp, Instant at) {
    return new StateTransition(
        idOp,
        EnumSet.of(PaymentState.PENDING, PaymentState.EXPIRED),
        PaymentState.PAID,
        at,
        Optional.of(Instant.parse("2026-11-29T10:05:00Z")),
        Optional.of("A55A"),
        PaymentMeans.CARD,
        Optional.of("P"),
        Optional.empty());
  }

  private static StateTransition to(
      Payment p, PaymentState to, Instant at, Optional<Instant> recheckAt) {
    return new StateTransition(
        p.idOp(),
        EnumSet.of(PaymentState.PENDING),
        to,
        at,
        Optional.empty(),
        Optional.empty(),
        PaymentMeans.UNKNOWN,
        Optional.of("P5"),
        to == PaymentState.REVIEW ? Optional.of("operator must look") : Optional.empty(),
        recheckAt,
        Optional.empty());
  }

  private static StateTransition review(Payment p, Instant at, String reason) {
    return new StateTransition(
        p.idOp(),
        EnumSet.of(PaymentState.PENDING),
        PaymentState.REVIEW,
        at,
        Optional.empty(),
        Optional.empty(),
        PaymentMeans.CARD,
        Optional.of("P"),
        Optional.of(reason));
  }

  private <T> List<T> race(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(racers());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return task.call();
                }));
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ records

  @Test
  @DisplayName("insert then find gives back every field; an unknown id is empty")
  void insertAndFind_roundTripEveryField() {
    Payment p = pending("FACT000001", T0);
    ledger.insert(p);

    assertThat(ledger.find(p.idOp())).contains(p);
    assertThat(ledger.find(UUID.randomUUID().toString())).isEmpty();
  }

  @Test
  @DisplayName("a payment with every optional field set round-trips, in a final state")
  void insertAndFind_roundTripAFullyKnownPayment() {
    Payment full =
        new Payment(
            UUID.randomUUID().toString(),
            NUMCLI,
            "FACT-2026/À1",
            2025,
            1,
            "Crèche de l'été",
            "prénom.nom@exemple.fr",
            Saisie.PRODUCTION,
            PaymentState.REVIEW,
            T0,
            T0.plusSeconds(90),
            Optional.of(T0.plusSeconds(30)),
            Optional.of("123456"),
            PaymentMeans.DIRECT_DEBIT,
            Optional.of("V"),
            Optional.of("echoed amount differs"));
    ledger.insert(full);

    assertThat(ledger.find(full.idOp())).contains(full);
  }

  @Test
  @DisplayName("a second insert of one operation id is refused and keeps the first")
  void insert_whenTheIdOpExists_refusesAndKeepsTheFirst() {
    Payment p = pending("FACT000001", T0);
    ledger.insert(p);
    Payment other =
        Payment.pending(p.idOp(), NUMCLI, "OTHER", 2026, 1, "x", "a@b.fr", Saisie.TEST, T0);

    assertThatThrownBy(() -> ledger.insert(other)).isInstanceOf(SocleClientException.class);
    assertThat(ledger.find(p.idOp())).contains(p);
  }

  @Test
  @DisplayName("operation ids are exact keys: stored as given, found only in that spelling")
  void idOp_isAnExactKey() {
    Payment lower = pending("FACT000001", T0);
    ledger.insert(lower);
    String upper = lower.idOp().toUpperCase(Locale.ROOT);

    assertThat(ledger.find(lower.idOp())).map(Payment::idOp).contains(lower.idOp());
    assertThat(ledger.find(upper)).isEmpty();
    assertThat(ledger.transition(paid(upper, T0.plusSeconds(1)))).isFalse();
    assertThat(ledger.find(lower.idOp()).orElseThrow().state()).isEqualTo(PaymentState.PENDING);
  }

  // ------------------------------------------------------------------ states and transitions

  @Test
  @DisplayName("every state can be recorded by a transition from PENDING")
  void transition_recordsEveryState() {
    for (PaymentState state : PaymentState.values()) {
      if (state == PaymentState.PENDING) {
        continue;
      }
      Payment p = pending("FACT-" + state, T0);
      ledger.insert(p);

      assertThat(ledger.transition(to(p, state, T0.plusSeconds(1), Optional.empty())))
          .as("PENDING -> %s", state)
          .isTrue();
      assertThat(ledger.find(p.idOp()).orElseThrow().state()).isEqualTo(state);
    }
  }

  @Test
  @DisplayName("a transition applies only from its source states, and not to an unknown payment")
  void transition_appliesOnlyFromTheExpectedStates() {
    Payment p = pending("FACT000001", T0);
    ledger.insert(p);
    Instant later = T0.plusSeconds(60);

    assertThat(ledger.transition(paid(p.idOp(), later))).isTrue();
    assertThat(ledger.transition(paid(p.idOp(), later.plusSeconds(1)))).isFalse();
    assertThat(ledger.transition(paid(UUID.randomUUID().toString(), later))).isFalse();

    Payment after = ledger.find(p.idOp()).orElseThrow();
    assertThat(after).isEqualTo(paid(p.idOp(), later).applyTo(p));
    assertThat(after.updatedAt()).isEqualTo(later);
  }

  @Test
  @DisplayName("a transition keeps the fields it leaves empty (expired, then paid on a re-check)")
  void transition_keepsWhatItDoesNotSet() {
    Payment p = pending("FACT000001", T0);
    ledger.insert(p);
    StateTransition expire = to(p, PaymentState.EXPIRED, T0.plusSeconds(900), Optional.empty());
    StateTransition pay = paid(p.idOp(), T0.plusSeconds(1800));

    assertThat(ledger.transition(expire)).isTrue();
    assertThat(ledger.transition(pay)).isTrue();

    Payment after = ledger.find(p.idOp()).orElseThrow();
    assertThat(after).isEqualTo(pay.applyTo(expire.applyTo(p)));
    assertThat(after.createdAt()).isEqualTo(T0);
    assertThat(after.resultCode()).contains("P");
  }

  @Test
  @DisplayName("of many callers racing one transition, exactly one wins")
  void transition_whenManyCallersRace_exactlyOneWins() throws Exception {
    Payment p = pending("FACT000001", T0);
    ledger.insert(p);
    List<Callable<Boolean>> racers = new ArrayList<>();
    for (int i = 0; i < 4 * racers(); i++) {
      Instant at = T0.plusSeconds(i);
      racers.add(() -> ledger.transition(paid(p.idOp(), at)));
    }

    assertThat(race(racers)).containsOnlyOnce(true);
    assertThat(ledger.find(p.idOp()).orElseThrow().state()).isEqualTo(PaymentState.PAID);
  }

  @Test
  @DisplayName("two threads moving one payment to two different states: exactly one wins")
  void transition_whenTwoOutcomesRace_exactlyOneIsRecorded() throws Exception {
    for (int round = 0; round < 20; round++) {
      Payment p = pending("FACTRACE" + round, T0);
      ledger.insert(p);
      List<Callable<Boolean>> both =
          List.of(
              () -> ledger.transition(paid(p.idOp(), T0.plusSeconds(1))),
              () ->
                  ledger.transition(
                      to(p, PaymentState.REFUSED, T0.plusSeconds(1), Optional.empty())));

      List<Boolean> won = race(both);

      assertThat(won).containsOnlyOnce(true);
      PaymentState state = ledger.find(p.idOp()).orElseThrow().state();
      assertThat(state).isEqualTo(won.get(0) ? PaymentState.PAID : PaymentState.REFUSED);
    }
  }

  // ------------------------------------------------------------------ a debt is paid once

  @Test
  @DisplayName("a second PAID for one debt is refused and changes nothing; another régie's is not")
  void transition_toPaidForADebtAlreadyPaid_failsAndChangesNothing() {
    Payment first = pending("FACTDEBT01", T0);
    Payment second = pending("FACTDEBT01", T0);
    Payment otherRegie = pending("123456", "FACTDEBT01", T0);
    ledger.insert(first);
    ledger.insert(second);
    ledger.insert(otherRegie);

    assertThat(ledger.transition(paid(first.idOp(), T0.plusSeconds(1)))).isTrue();
    assertThatThrownBy(() -> ledger.transition(paid(second.idOp(), T0.plusSeconds(2))))
        .isInstanceOf(DebtAlreadyPaidException.class);
    assertThat(ledger.find(second.idOp())).contains(second);
    assertThat(ledger.findAwaitingFulfilment(10))
        .extracting(Payment::idOp)
        .doesNotContain(second.idOp());
    assertThat(ledger.transition(paid(otherRegie.idOp(), T0.plusSeconds(3)))).isTrue();
  }

  @Test
  @DisplayName("refused and review attempts of a debt do not block its payment")
  void transition_toPaid_whenOtherAttemptsAreNotPaid_succeeds() {
    Payment refused = pending("FACTDEBT02", T0);
    Payment reviewed = pending("FACTDEBT02", T0);
    Payment paid = pending("FACTDEBT02", T0);
    for (Payment p : List.of(refused, reviewed, paid)) {
      ledger.insert(p);
    }
    ledger.transition(to(refused, PaymentState.REFUSED, T0.plusSeconds(1), Optional.empty()));
    ledger.transition(review(reviewed, T0.plusSeconds(2), "echoed amount differs"));

    assertThat(ledger.transition(paid(paid.idOp(), T0.plusSeconds(3)))).isTrue();
  }

  @Test
  @DisplayName("a double payment is recorded as REVIEW and counted by reviewTotal")
  void doublePayment_isRecordedAsReviewAndCounted() {
    Payment first = pending("FACTDEBT03", T0);
    Payment second = pending("FACTDEBT03", T0);
    ledger.insert(first);
    ledger.insert(second);
    ledger.transition(paid(first.idOp(), T0.plusSeconds(1)));

    assertThat(ledger.transition(review(second, T0.plusSeconds(4), Payment.DOUBLE_PAYMENT_REASON)))
        .isTrue();

    assertThat(ledger.find(second.idOp()).orElseThrow().isDoublePayment()).isTrue();
    assertThat(
            ledger.reviewTotal(
                NUMCLI, Payment.DOUBLE_PAYMENT_REASON, T0.minusSeconds(1), T0.plusSeconds(1)))
        .isEqualTo(new StateTotal(PaymentState.REVIEW, 1, 4250));
    assertThat(ledger.reviewTotal(NUMCLI, "another reason", T0.minusSeconds(1), T0.plusSeconds(1)))
        .isEqualTo(new StateTotal(PaymentState.REVIEW, 0, 0));
    assertThat(
            ledger.reviewTotal(
                NUMCLI, Payment.DOUBLE_PAYMENT_REASON, T0.plusSeconds(1), T0.plusSeconds(2)))
        .isEqualTo(new StateTotal(PaymentState.REVIEW, 0, 0));
  }

  @Test
  @DisplayName("attempts of one debt racing to PAID: exactly one is paid, the others are refused")
  void transition_whenAttemptsOfOneDebtRaceToPaid_exactlyOneIsPaid() throws Exception {
    List<Callable<String>> racers = new ArrayList<>();
    for (int i = 0; i < racers(); i++) {
      Payment p = pending("FACTRACE01", T0);
      ledger.insert(p);
      racers.add(
          () -> {
            try {
              return ledger.transition(paid(p.idOp(), T0.plusSeconds(5))) ? "paid" : "lost";
            } catch (DebtAlreadyPaidException e) {
              return "already";
            }
          });
    }

    List<String> results = race(racers);

    assertThat(results).containsOnlyOnce("paid").doesNotContain("lost");
    assertThat(ledger.findByRefdet(NUMCLI, "FACTRACE01"))
        .filteredOn(p -> p.state() == PaymentState.PAID)
        .hasSize(1);
  }

  // ------------------------------------------------------------------ fulfilment

  @Test
  @DisplayName("a claim is for PAID or REVIEW payments not done and not claimed; it expires")
  void claimFulfilment_onlyForPaidOrReviewPaymentsNotDoneAndNotClaimed() {
    Payment pendingOne = pending("FACT000001", T0);
    Payment paidOne = pending("FACT000002", T0);
    ledger.insert(pendingOne);
    ledger.insert(paidOne);
    ledger.transition(paid(paidOne.idOp(), T0.plusSeconds(60)));
    Instant now = T0.plusSeconds(61);
    Instant until = now.plusSeconds(600);

    assertThat(ledger.claimFulfilment(pendingOne.idOp(), "a", now, until)).isFalse();
    assertThat(ledger.claimFulfilment(UUID.randomUUID().toString(), "a", now, until)).isFalse();
    assertThat(ledger.findAwaitingFulfilment(10))
        .extracting(Payment::idOp)
        .containsExactly(paidOne.idOp());
    assertThat(ledger.claimFulfilment(paidOne.idOp(), "a", now, until)).isTrue();
    // a live claim keeps others out, and hides the payment from the claimable list
    assertThat(ledger.claimFulfilment(paidOne.idOp(), "b", now.plusSeconds(599), until)).isFalse();
    assertThat(ledger.findClaimableFulfilments(now.plusSeconds(599), 10)).isEmpty();
    assertThat(ledger.findAwaitingFulfilment(10)).hasSize(1);
    // once expired (at its end, inclusive), another node may take it
    assertThat(ledger.findClaimableFulfilments(until, 10)).hasSize(1);
    assertThat(ledger.claimFulfilment(paidOne.idOp(), "b", until, until.plusSeconds(600))).isTrue();
    // the first node's late acknowledgement still counts: the side effects happened
    assertThat(ledger.completeFulfilment(paidOne.idOp(), "a", until.plusSeconds(1))).isTrue();
    assertThat(ledger.completeFulfilment(paidOne.idOp(), "b", until.plusSeconds(2))).isFalse();
    assertThat(ledger.fulfilledAt(paidOne.idOp())).contains(until.plusSeconds(1));
    assertThat(
            ledger.claimFulfilment(
                paidOne.idOp(), "c", until.plusSeconds(86_400), until.plusSeconds(172_800)))
        .isFalse();
    assertThat(ledger.findAwaitingFulfilment(10)).isEmpty();
    assertThat(ledger.findClaimableFulfilments(until.plusSeconds(86_400), 10)).isEmpty();
    assertThat(ledger.fulfilledAt(pendingOne.idOp())).isEmpty();
    assertThat(ledger.fulfilledAt(UUID.randomUUID().toString())).isEmpty();
    assertThat(ledger.completeFulfilment(UUID.randomUUID().toString(), "a", until)).isFalse();
  }

  @Test
  @DisplayName("a REVIEW payment is fulfilled like a PAID one")
  void claimFulfilment_forReviewPayments() {
    Payment p = pending("FACT000001", T0);
    ledger.insert(p);
    ledger.transition(review(p, T0.plusSeconds(1), "echoed amount differs"));

    assertThat(ledger.findAwaitingFulfilment(10)).extracting(Payment::idOp).contains(p.idOp());
    assertThat(ledger.claimFulfilment(p.idOp(), "a", T0.plusSeconds(2), T0.plusSeconds(600)))
        .isTrue();
    assertThat(ledger.completeFulfilment(p.idOp(), "a", T0.plusSeconds(3))).isTrue();
    assertThat(ledger.fulfilledAt(p.idOp())).contains(T0.plusSeconds(3));
  }

  @Test
  @DisplayName("completions written together are each recorded once, the first of a payment kept")
  void completeFulfilments_recordsEachOnceAndSaysWhich() {
    Payment a = pending("FACT000001", T0);
    Payment b = pending("FACT000002", T0);
    Payment done = pending("FACT000003", T0);
    Payment open = pending("FACT000004", T0);
    for (Payment p : List.of(a, b, done, open)) {
      ledger.insert(p);
      if (p != open) {
        ledger.transition(paid(p.idOp(), T0.plusSeconds(60)));
      }
    }
    ledger.completeFulfilment(done.idOp(), "x", T0.plusSeconds(61));
    String unknown = UUID.randomUUID().toString();

    Set<String> recorded =
        ledger.completeFulfilments(
            List.of(
                new FulfilmentRecord(a.idOp(), "a", T0.plusSeconds(62)),
                new FulfilmentRecord(done.idOp(), "d", T0.plusSeconds(63)),
                new FulfilmentRecord(unknown, "u", T0.plusSeconds(64)),
                new FulfilmentRecord(b.idOp(), "b", T0.plusSeconds(65)),
                new FulfilmentRecord(a.idOp(), "a2", T0.plusSeconds(66))));

    assertThat(recorded).containsExactlyInAnyOrder(a.idOp(), b.idOp());
    assertThat(ledger.fulfilledAt(a.idOp())).contains(T0.plusSeconds(62));
    assertThat(ledger.fulfilledAt(b.idOp())).contains(T0.plusSeconds(65));
    assertThat(ledger.fulfilledAt(done.idOp())).contains(T0.plusSeconds(61));
    assertThat(ledger.findAwaitingFulfilment(10)).isEmpty();
    assertThat(ledger.completeFulfilments(List.of())).isEmpty();
    // an open payment has no fulfilment to record (PENDING: no listener call due)
    ledger.completeFulfilments(List.of(new FulfilmentRecord(open.idOp(), "o", T0)));
    assertThat(ledger.claimFulfilment(open.idOp(), "o", T0, T0.plusSeconds(600))).isFalse();
  }

  @Test
  @DisplayName("more completions than one statement takes are all recorded")
  void completeFulfilments_whenVeryMany_recordsThemAll() {
    List<FulfilmentRecord> records = new ArrayList<>();
    for (int i = 0; i < 1_050; i++) {
      Payment p = pending(String.format("FACT%06d", i), T0);
      ledger.insert(p);
      ledger.transition(paid(p.idOp(), T0.plusSeconds(60)));
      records.add(new FulfilmentRecord(p.idOp(), "c" + i, T0.plusSeconds(61)));
    }

    assertThat(ledger.completeFulfilments(records)).hasSize(1_050);
    assertThat(ledger.findAwaitingFulfilment(10)).isEmpty();
  }

  @Test
  @DisplayName("only the holder of a claim can release it; a released claim can be taken again")
  void releaseFulfilment_onlyReleasesTheCallersOwnClaim() {
    Payment p = pending("FACT000001", T0);
    ledger.insert(p);
    ledger.transition(paid(p.idOp(), T0.plusSeconds(60)));
    Instant now = T0.plusSeconds(61);
    ledger.claimFulfilment(p.idOp(), "a", now, now.plusSeconds(600));

    ledger.releaseFulfilment(p.idOp(), "someone-else");
    assertThat(ledger.claimFulfilment(p.idOp(), "b", now, now.plusSeconds(600))).isFalse();

    ledger.releaseFulfilment(p.idOp(), "a");
    assertThat(ledger.findClaimableFulfilments(now, 10))
        .extracting(Payment::idOp)
        .contains(p.idOp());
    assertThat(ledger.claimFulfilment(p.idOp(), "b", now, now.plusSeconds(600))).isTrue();

    ledger.completeFulfilment(p.idOp(), "b", now.plusSeconds(1));
    ledger.releaseFulfilment(p.idOp(), "b"); // done stays done
    assertThat(ledger.fulfilledAt(p.idOp())).contains(now.plusSeconds(1));
    assertThat(ledger.findAwaitingFulfilment(10)).isEmpty();
  }

  @Test
  @DisplayName("of many callers racing for one claim, exactly one wins")
  void claimFulfilment_whenManyCallersRace_exactlyOneWins() throws Exception {
    Payment p = pending("FACT000001", T0);
    ledger.insert(p);
    ledger.transition(paid(p.idOp(), T0.plusSeconds(60)));
    Instant now = T0.plusSeconds(61);
    List<Callable<Boolean>> racers = new ArrayList<>();
    for (int i = 0; i < 4 * racers(); i++) {
      String claim = "node-" + i;
      racers.add(() -> ledger.claimFulfilment(p.idOp(), claim, now, now.plusSeconds(600)));
    }

    assertThat(race(racers)).containsOnlyOnce(true);
  }

  @Test
  @DisplayName("a transition with a claim holds the fulfilment in the same change")
  void transition_withAClaim_holdsTheFulfilmentInTheSameChange() {
    Payment p = pending("FACTCLAIM1", T0);
    ledger.insert(p);
    Instant at = T0.plusSeconds(10);
    StateTransition withClaim =
        new StateTransition(
            p.idOp(),
            EnumSet.of(PaymentState.PENDING),
            PaymentState.PAID,
            at,
            Optional.empty(),
            Optional.empty(),
            PaymentMeans.CARD,
            Optional.of("P"),
            Optional.empty(),
            Optional.empty(),
            Optional.of(new StateTransition.Claim("mine", at.plusSeconds(600))));

    assertThat(ledger.transition(withClaim)).isTrue();

    assertThat(ledger.claimFulfilment(p.idOp(), "other", at, at.plusSeconds(600))).isFalse();
    assertThat(ledger.findClaimableFulfilments(at, 10)).isEmpty();
    assertThat(ledger.findAwaitingFulfilment(10)).extracting(Payment::idOp).contains(p.idOp());
    assertThat(ledger.completeFulfilment(p.idOp(), "mine", at.plusSeconds(1))).isTrue();
    assertThat(ledger.fulfilledAt(p.idOp())).contains(at.plusSeconds(1));
  }

  @Test
  @DisplayName("payments awaiting fulfilment come least recently changed first, within the limit")
  void findAwaitingFulfilment_leastRecentlyChangedFirst() {
    Payment a = pending("FACT000001", T0);
    Payment b = pending("FACT000002", T0);
    Payment c = pending("FACT000003", T0);
    for (Payment p : List.of(a, b, c)) {
      ledger.insert(p);
    }
    ledger.transition(paid(b.idOp(), T0.plusSeconds(10)));
    ledger.transition(paid(c.idOp(), T0.plusSeconds(20)));
    ledger.transition(paid(a.idOp(), T0.plusSeconds(30)));

    assertThat(ledger.findAwaitingFulfilment(10))
        .extracting(Payment::idOp)
        .containsExactly(b.idOp(), c.idOp(), a.idOp());
    assertThat(ledger.findAwaitingFulfilment(2))
        .extracting(Payment::idOp)
        .containsExactly(b.idOp(), c.idOp());
    assertThat(ledger.findClaimableFulfilments(T0.plusSeconds(40), 1))
        .extracting(Payment::idOp)
        .containsExactly(b.idOp());
  }

  // ------------------------------------------------------------------ queries

  @Test
  @DisplayName(
      "re-checks are scheduled by the transition, rescheduled, closed, and end once settled")
  void recheck_isScheduledByTheTransitionAndRescheduledOrClosed() {
    Payment expired = pending("FACTRECH01", T0);
    Payment abandoned = pending("FACTRECH02", T0);
    Payment never = pending("FACTRECH03", T0);
    ledger.insert(expired);
    ledger.insert(abandoned);
    ledger.insert(never);
    Instant at = T0.plusSeconds(1200);
    ledger.transition(to(expired, PaymentState.EXPIRED, at, Optional.of(at.plusSeconds(600))));
    ledger.transition(to(abandoned, PaymentState.ABANDONED, at, Optional.of(at.plusSeconds(300))));
    ledger.transition(to(never, PaymentState.EXPIRED, at, Optional.empty()));

    assertThat(ledger.findDueForRecheck(NUMCLI, at, 10)).isEmpty();
    assertThat(ledger.findDueForRecheck(NUMCLI, at.plusSeconds(600), 10))
        .extracting(Payment::idOp)
        .containsExactly(abandoned.idOp(), expired.idOp());
    assertThat(ledger.findDueForRecheck(NUMCLI, at.plusSeconds(600), 1))
        .extracting(Payment::idOp)
        .containsExactly(abandoned.idOp());
    assertThat(ledger.findDueForRecheck("123456", at.plusSeconds(600), 10)).isEmpty();

    ledger.scheduleRecheck(abandoned.idOp(), PaymentState.ABANDONED, Optional.empty());
    ledger.scheduleRecheck(expired.idOp(), PaymentState.EXPIRED, Optional.of(at.plusSeconds(3600)));
    ledger.scheduleRecheck(never.idOp(), PaymentState.PAID, Optional.of(at)); // wrong state
    ledger.scheduleRecheck(UUID.randomUUID().toString(), PaymentState.EXPIRED, Optional.of(at));
    assertThat(ledger.findDueForRecheck(NUMCLI, at.plusSeconds(3599), 10)).isEmpty();
    assertThat(ledger.findDueForRecheck(NUMCLI, at.plusSeconds(3600), 10))
        .extracting(Payment::idOp)
        .containsExactly(expired.idOp());
    // settling the payment ends its re-checks
    assertThat(ledger.transition(paid(expired.idOp(), at.plusSeconds(3700)))).isTrue();
    assertThat(ledger.findDueForRecheck(NUMCLI, at.plusSeconds(99_999), 10)).isEmpty();
  }

  @Test
  @DisplayName("findByState gives the oldest first, within the limit and strictly before the time")
  void findByState_returnsTheOldestFirstWithinTheLimitAndAge() {
    Payment a = pending("FACT000001", T0);
    Payment b = pending("FACT000002", T0.plusSeconds(10));
    Payment c = pending("FACT000003", T0.plusSeconds(20));
    ledger.insert(c);
    ledger.insert(a);
    ledger.insert(b);
    ledger.transition(paid(b.idOp(), T0.plusSeconds(30)));

    assertThat(ledger.findByState(PaymentState.PENDING, T0.plusSeconds(60), 10))
        .extracting(Payment::idOp)
        .containsExactly(a.idOp(), c.idOp());
    assertThat(ledger.findByState(PaymentState.PENDING, T0.plusSeconds(60), 1))
        .extracting(Payment::idOp)
        .containsExactly(a.idOp());
    assertThat(ledger.findByState(PaymentState.PENDING, T0.plusSeconds(20), 10))
        .extracting(Payment::idOp)
        .containsExactly(a.idOp());
    assertThat(ledger.findByState(PaymentState.PAID, T0.plusSeconds(60), 10))
        .extracting(Payment::idOp)
        .containsExactly(b.idOp());
    assertThat(ledger.findByState(PaymentState.REFUSED, T0.plusSeconds(60), 10)).isEmpty();
  }

  @Test
  @DisplayName("findByRefdet and totals group by régie and state, over [from, to)")
  void findByRefdetAndTotals_groupByRegieAndState() {
    Payment a = pending("FACT000001", T0);
    Payment b = pending("FACT000001", T0.plusSeconds(10));
    Payment c = pending("FACT000002", T0.plusSeconds(20));
    Payment atTheEnd = pending("FACT000003", T0.plusSeconds(3600));
    Payment otherRegie = pending("123456", "FACT000001", T0);
    for (Payment p : List.of(a, b, c, atTheEnd, otherRegie)) {
      ledger.insert(p);
    }
    ledger.transition(paid(b.idOp(), T0.plusSeconds(30)));

    assertThat(ledger.findByRefdet(NUMCLI, "FACT000001"))
        .extracting(Payment::idOp)
        .containsExactlyInAnyOrder(a.idOp(), b.idOp());
    assertThat(ledger.findByRefdet(NUMCLI, "UNKNOWN")).isEmpty();
    assertThat(ledger.totals(NUMCLI, T0, T0.plusSeconds(3600)))
        .containsExactlyInAnyOrder(
            new StateTotal(PaymentState.PENDING, 2, 8500),
            new StateTotal(PaymentState.PAID, 1, 4250));
    assertThat(ledger.totals("654321", T0, T0.plusSeconds(3600))).isEmpty();
  }

  // ------------------------------------------------------------------ errors

  @Test
  @DisplayName("a limit under 1 is invalid input")
  void queries_nonPositiveLimit_areInvalidInput() {
    assertThatThrownBy(() -> ledger.findDueForRecheck(NUMCLI, T0, 0))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ledger.findByState(PaymentState.PENDING, T0, 0))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ledger.findAwaitingFulfilment(-1))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ledger.findClaimableFulfilments(T0, 0))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  @DisplayName("a null argument is a NullPointerException naming the parameter")
  void nulls_areRefusedNamingTheParameter() {
    Payment p = pending("FACT000001", T0);
    ledger.insert(p);
    String id = p.idOp();

    assertThatThrownBy(() -> ledger.insert(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("payment");
    assertThatThrownBy(() -> ledger.transition(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("transition");
    assertThatThrownBy(() -> ledger.scheduleRecheck(id, PaymentState.EXPIRED, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("at");
    assertThatThrownBy(() -> ledger.claimFulfilment(id, null, T0, T0.plusSeconds(1)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("claimId");
    assertThatThrownBy(() -> ledger.claimFulfilment(id, "a", null, T0.plusSeconds(1)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("now");
    assertThatThrownBy(() -> ledger.claimFulfilment(id, "a", T0, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("until");
    assertThatThrownBy(() -> ledger.completeFulfilment(id, "a", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("at");
    assertThatThrownBy(() -> ledger.findClaimableFulfilments(null, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("now");
    assertThat(ledger.find(id)).contains(p);
  }
}
