package fr.socle.payment.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleClientException;
import fr.socle.payment.Payment;
import fr.socle.payment.PaymentMeans;
import fr.socle.payment.PaymentState;
import fr.socle.payment.Saisie;
import fr.socle.payment.StateTotal;
import fr.socle.payment.spi.StateTransition;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every JDBC database must guarantee; run against PostgreSQL and H2. */
abstract class JdbcPaymentLedgerContract {
  static final Instant T0 = Instant.parse("2026-11-29T10:00:00.123456Z");

  DataSource dataSource;
  JdbcPaymentLedger ledger;

  abstract DataSource newDatabase();

  @BeforeEach
  void setUp() {
    dataSource = newDatabase();
    ledger = JdbcPaymentLedger.create(dataSource);
  }

  static Payment pending(String refdet, Instant at) {
    return Payment.pending(
        UUID.randomUUID().toString(),
        "090909",
        refdet,
        2026,
        4250,
        "Cantine",
        "payer@example.fr",
        Saisie.TEST,
        at);
  }

  static StateTransition paid(String idOp, Instant at) {
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

  @Test
  void queries_nonPositiveLimit_areInvalidInput_andNullsNameTheParameter() {
    assertThatThrownBy(() -> ledger.findDueForRecheck("090909", T0, 0))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ledger.findByState(PaymentState.PENDING, T0, 0))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ledger.findAwaitingFulfilment(-1))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ledger.findClaimableFulfilments(T0, 0))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> JdbcPaymentLedger.create(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("dataSource");
  }

  @Test
  void insertAndFind_roundTripEveryField() {
    Payment p = pending("FACT000001", T0);
    ledger.insert(p);

    assertThat(ledger.find(p.idOp())).contains(p);
    assertThat(ledger.find("unknown")).isEmpty();
  }

  @Test
  void insert_whenTheIdOpExists_refuses() {
    Payment p = pending("FACT000001", T0);
    ledger.insert(p);

    assertThatThrownBy(() -> ledger.insert(p))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("already recorded");
  }

  @Test
  void transition_appliesOnlyFromTheExpectedStates() {
    Payment p = pending("FACT000001", T0);
    ledger.insert(p);
    Instant later = T0.plusSeconds(60);

    assertThat(ledger.transition(paid(p.idOp(), later))).isTrue();
    assertThat(ledger.transition(paid(p.idOp(), later.plusSeconds(1)))).isFalse();
    assertThat(ledger.transition(paid("unknown", later))).isFalse();

    Payment after = ledger.find(p.idOp()).orElseThrow();
    assertThat(after).isEqualTo(paid(p.idOp(), later).applyTo(p));
    assertThat(after.state()).isEqualTo(PaymentState.PAID);
    assertThat(after.authorisationNumber()).contains("A55A");
    assertThat(after.means()).isEqualTo(PaymentMeans.CARD);
    assertThat(after.updatedAt()).isEqualTo(later);
  }

  @Test
  void transition_whenManyCallersRace_exactlyOneWins() throws Exception {
    Payment p = pending("FACT000001", T0);
    ledger.insert(p);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> wins = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Instant at = T0.plusSeconds(i);
      wins.add(
          pool.submit(
              () -> {
                go.await();
                return ledger.transition(paid(p.idOp(), at));
              }));
    }
    go.countDown();
    int won = 0;
    for (Future<Boolean> f : wins) {
      won += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
    }
    pool.shutdown();

    assertThat(won).isEqualTo(1);
  }

  @Test
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
  }

  @Test
  void findByRefdetAndTotals_groupByRegieAndState() {
    Payment a = pending("FACT000001", T0);
    Payment b = pending("FACT000001", T0.plusSeconds(10));
    Payment c = pending("FACT000002", T0.plusSeconds(20));
    Payment outOfRange = pending("FACT000003", T0.plusSeconds(86_400));
    for (Payment p : List.of(a, b, c, outOfRange)) {
      ledger.insert(p);
    }
    ledger.transition(paid(b.idOp(), T0.plusSeconds(30)));

    assertThat(ledger.findByRefdet("090909", "FACT000001")).hasSize(2);
    assertThat(ledger.findByRefdet("123456", "FACT000001")).isEmpty();
    assertThat(ledger.totals("090909", T0, T0.plusSeconds(3600)))
        .containsExactlyInAnyOrder(
            new StateTotal(PaymentState.PENDING, 2, 8500),
            new StateTotal(PaymentState.PAID, 1, 4250));
    assertThat(ledger.totals("123456", T0, T0.plusSeconds(3600))).isEmpty();
  }

  @Test
  void create_whenTheSchemaExists_isIdempotentAndKeepsTheData() {
    Payment p = pending("FACT000001", T0);
    ledger.insert(p);

    JdbcPaymentLedger again = JdbcPaymentLedger.create(dataSource);

    assertThat(again.find(p.idOp())).contains(p);
  }

  @Test
  void create_whenTheSchemaIsNewerThanTheCode_refuses() throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO socle_payment_schema (version) VALUES (99)");
    }

    assertThatThrownBy(() -> JdbcPaymentLedger.create(dataSource))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("newer");
  }

  @Test
  void claimFulfilment_onlyForPaidOrReviewPaymentsNotDoneAndNotClaimed() {
    Payment pendingOne = pending("FACT000001", T0);
    Payment paidOne = pending("FACT000002", T0);
    Payment paidTwiceInHistory = pending("FACT000002", T0);
    ledger.insert(pendingOne);
    ledger.insert(paidOne);
    ledger.transition(paid(paidOne.idOp(), T0.plusSeconds(60)));
    Instant now = T0.plusSeconds(61);
    Instant until = now.plusSeconds(600);

    assertThat(ledger.claimFulfilment(pendingOne.idOp(), "a", now, until)).isFalse();
    assertThat(ledger.claimFulfilment("unknown", "a", now, until)).isFalse();
    assertThat(ledger.findAwaitingFulfilment(10))
        .extracting(Payment::idOp)
        .containsExactly(paidOne.idOp());
    assertThat(ledger.claimFulfilment(paidOne.idOp(), "a", now, until)).isTrue();
    // a live claim keeps others out, and hides the payment from the claimable list
    assertThat(ledger.claimFulfilment(paidOne.idOp(), "b", now.plusSeconds(599), until)).isFalse();
    assertThat(ledger.findClaimableFulfilments(now.plusSeconds(599), 10)).isEmpty();
    assertThat(ledger.findAwaitingFulfilment(10)).hasSize(1);
    // once expired, another node may take it
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
    assertThat(ledger.fulfilledAt(pendingOne.idOp())).isEmpty();
    assertThat(ledger.fulfilledAt("unknown")).isEmpty();
  }

  @Test
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
  }

  @Test
  void claimFulfilment_whenManyCallersRace_exactlyOneWins() throws Exception {
    Payment p = pending("FACT000001", T0);
    ledger.insert(p);
    ledger.transition(paid(p.idOp(), T0.plusSeconds(60)));
    Instant now = T0.plusSeconds(61);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> wins = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String claim = "node-" + i;
      wins.add(
          pool.submit(
              () -> {
                go.await();
                return ledger.claimFulfilment(p.idOp(), claim, now, now.plusSeconds(600));
              }));
    }
    go.countDown();
    int won = 0;
    for (Future<Boolean> f : wins) {
      won += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
    }
    pool.shutdown();

    assertThat(won).isEqualTo(1);
  }

  @Test
  void create_whenTheDatabaseHoldsSchemaVersion1_migratesAndKeepsPastFulfilmentsDone()
      throws Exception {
    DataSource old = newDatabase();
    Payment pendingOne = pending("FACT000001", T0);
    Payment paidOne = pending("FACT000002", T0);
    Payment paidTwiceInHistory = pending("FACT000002", T0);
    try (Connection c = old.getConnection();
        Statement s = c.createStatement()) {
      // version 1, as the first release created it
      s.execute("CREATE TABLE socle_payment_schema (version INTEGER NOT NULL PRIMARY KEY)");
      s.execute(
          "CREATE TABLE socle_payment (id_op VARCHAR(64) NOT NULL PRIMARY KEY,"
              + " numcli CHAR(6) NOT NULL, refdet VARCHAR(30) NOT NULL, exer INTEGER NOT NULL,"
              + " amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),"
              + " label VARCHAR(100) NOT NULL, payer_email VARCHAR(80) NOT NULL,"
              + " saisie CHAR(1) NOT NULL, state VARCHAR(16) NOT NULL,"
              + " created_at TIMESTAMP WITH TIME ZONE NOT NULL,"
              + " updated_at TIMESTAMP WITH TIME ZONE NOT NULL,"
              + " transaction_at TIMESTAMP WITH TIME ZONE, numauto VARCHAR(64),"
              + " means VARCHAR(16) NOT NULL, result_code VARCHAR(8), review_reason VARCHAR(200))");
      s.execute("CREATE INDEX socle_payment_state_idx ON socle_payment (state, created_at)");
      s.execute("INSERT INTO socle_payment_schema (version) VALUES (1)");
      for (Payment p : List.of(pendingOne, paidOne, paidTwiceInHistory)) {
        s.execute(
            "INSERT INTO socle_payment (id_op, numcli, refdet, exer, amount_cents, label,"
                + " payer_email, saisie, state, created_at, updated_at, means) VALUES ('"
                + p.idOp()
                + "', '090909', '"
                + p.refdet()
                + "', 2026, 4250, 'Cantine', 'payer@example.fr', 'T', '"
                + (p == pendingOne ? "PENDING" : "PAID")
                + "', TIMESTAMP WITH TIME ZONE '2026-11-29 10:00:00+00',"
                + " TIMESTAMP WITH TIME ZONE '2026-11-29 10:05:00+00', 'CARD')");
      }
    }

    JdbcPaymentLedger migrated = JdbcPaymentLedger.create(old);
    JdbcPaymentLedger.create(old); // a second start changes nothing

    try (Connection c = old.getConnection();
        Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT MAX(version) FROM socle_payment_schema")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(JdbcPaymentLedger.SCHEMA_VERSION).isEqualTo(3);
    }
    // paid under the previous, unrecorded contract: not fulfilled again after the upgrade
    assertThat(migrated.fulfilledAt(paidOne.idOp()))
        .contains(Instant.parse("2026-11-29T10:05:00Z"));
    assertThat(migrated.findAwaitingFulfilment(10)).isEmpty();
    // history with a debt paid twice migrates; the debt stays paid for new attempts
    Payment third = pending("FACT000002", T0);
    migrated.insert(third);
    assertThatThrownBy(() -> migrated.transition(paid(third.idOp(), T0.plusSeconds(60))))
        .isInstanceOf(fr.socle.payment.DebtAlreadyPaidException.class);
    assertThat(migrated.find(pendingOne.idOp()).orElseThrow().state())
        .isEqualTo(PaymentState.PENDING);
    // and the pending one is fulfilled under the new contract once paid
    Instant later = T0.plusSeconds(3600);
    assertThat(migrated.transition(paid(pendingOne.idOp(), later))).isTrue();
    assertThat(migrated.claimFulfilment(pendingOne.idOp(), "a", later, later.plusSeconds(60)))
        .isTrue();
    assertThat(migrated.completeFulfilment(pendingOne.idOp(), "a", later)).isTrue();
    assertThat(migrated.fulfilledAt(pendingOne.idOp())).contains(later);
  }

  @Test
  void transition_toPaidForADebtAlreadyPaid_failsAndChangesNothing() {
    Payment first = pending("FACTDEBT01", T0);
    Payment second = pending("FACTDEBT01", T0);
    Payment otherRegie =
        Payment.pending(
            UUID.randomUUID().toString(),
            "123456",
            "FACTDEBT01",
            2026,
            4250,
            "Cantine",
            "payer@example.fr",
            Saisie.TEST,
            T0);
    ledger.insert(first);
    ledger.insert(second);
    ledger.insert(otherRegie);

    assertThat(ledger.transition(paid(first.idOp(), T0.plusSeconds(1)))).isTrue();
    assertThatThrownBy(() -> ledger.transition(paid(second.idOp(), T0.plusSeconds(2))))
        .isInstanceOf(fr.socle.payment.DebtAlreadyPaidException.class);
    assertThat(ledger.find(second.idOp()).orElseThrow().state()).isEqualTo(PaymentState.PENDING);
    // the same refdet of another régie is another debt
    assertThat(ledger.transition(paid(otherRegie.idOp(), T0.plusSeconds(3)))).isTrue();
    // a double payment is recorded as review, and counted
    assertThat(
            ledger.transition(
                new StateTransition(
                    second.idOp(),
                    EnumSet.of(PaymentState.PENDING),
                    PaymentState.REVIEW,
                    T0.plusSeconds(4),
                    Optional.empty(),
                    Optional.empty(),
                    PaymentMeans.CARD,
                    Optional.of("P"),
                    Optional.of(Payment.DOUBLE_PAYMENT_REASON))))
        .isTrue();
    assertThat(ledger.find(second.idOp()).orElseThrow().isDoublePayment()).isTrue();
    assertThat(
            ledger.reviewTotal(
                "090909", Payment.DOUBLE_PAYMENT_REASON, T0.minusSeconds(1), T0.plusSeconds(1)))
        .isEqualTo(new StateTotal(PaymentState.REVIEW, 1, 4250));
  }

  @Test
  void transition_whenAttemptsOfOneDebtRaceToPaid_exactlyOneIsPaid() throws Exception {
    List<Payment> attempts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Payment p = pending("FACTRACE01", T0);
      ledger.insert(p);
      attempts.add(p);
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> outcomes = new ArrayList<>();
    for (Payment p : attempts) {
      outcomes.add(
          pool.submit(
              () -> {
                go.await();
                try {
                  return ledger.transition(paid(p.idOp(), T0.plusSeconds(5))) ? "paid" : "lost";
                } catch (fr.socle.payment.DebtAlreadyPaidException e) {
                  return "already";
                }
              }));
    }
    go.countDown();
    List<String> results = new ArrayList<>();
    for (Future<String> f : outcomes) {
      results.add(f.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();

    assertThat(results).containsOnlyOnce("paid").doesNotContain("lost");
    assertThat(results.stream().filter("already"::equals).count()).isEqualTo(7);
  }

  @Test
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
  void recheck_isScheduledByTheTransitionAndRescheduledOrClosed() {
    Payment expired = pending("FACTRECH01", T0);
    Payment abandoned = pending("FACTRECH02", T0);
    Payment never = pending("FACTRECH03", T0);
    ledger.insert(expired);
    ledger.insert(abandoned);
    ledger.insert(never);
    Instant at = T0.plusSeconds(1200);
    ledger.transition(toState(expired, PaymentState.EXPIRED, at, Optional.of(at.plusSeconds(600))));
    ledger.transition(
        toState(abandoned, PaymentState.ABANDONED, at, Optional.of(at.plusSeconds(300))));
    ledger.transition(toState(never, PaymentState.EXPIRED, at, Optional.empty()));

    assertThat(ledger.findDueForRecheck("090909", at, 10)).isEmpty();
    assertThat(ledger.findDueForRecheck("090909", at.plusSeconds(600), 10))
        .extracting(Payment::idOp)
        .containsExactly(abandoned.idOp(), expired.idOp());
    assertThat(ledger.findDueForRecheck("123456", at.plusSeconds(600), 10)).isEmpty();

    ledger.scheduleRecheck(abandoned.idOp(), PaymentState.ABANDONED, Optional.empty());
    ledger.scheduleRecheck(expired.idOp(), PaymentState.EXPIRED, Optional.of(at.plusSeconds(3600)));
    ledger.scheduleRecheck(never.idOp(), PaymentState.PAID, Optional.of(at)); // wrong state
    assertThat(ledger.findDueForRecheck("090909", at.plusSeconds(3599), 10)).isEmpty();
    assertThat(ledger.findDueForRecheck("090909", at.plusSeconds(3600), 10))
        .extracting(Payment::idOp)
        .containsExactly(expired.idOp());
    // settling the payment ends its re-checks
    assertThat(ledger.transition(paid(expired.idOp(), at.plusSeconds(3700)))).isTrue();
    assertThat(ledger.findDueForRecheck("090909", at.plusSeconds(99_999), 10)).isEmpty();
  }

  static StateTransition toState(
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
        Optional.empty(),
        recheckAt,
        Optional.empty());
  }

  @Test
  void completeFulfilment_whenCallsArriveTogether_sharesOneRoundTripAndAnswersEachCall()
      throws Exception {
    int n = 8;
    List<Payment> paid = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Payment p = pending("FACTBATCH" + i, T0);
      ledger.insert(p);
      assertThat(ledger.transition(paid(p.idOp(), T0.plusSeconds(1)))).isTrue();
      paid.add(p);
    }
    // The database is slow on the first completion: the others arrive while it is on its way.
    CountingDataSource counting = new CountingDataSource(dataSource, "fulfilled_at = ?");
    JdbcPaymentLedger slow = JdbcPaymentLedger.create(counting);
    ExecutorService pool = Executors.newFixedThreadPool(n + 1);
    try {
      List<Thread> waiting = new java.util.concurrent.CopyOnWriteArrayList<>();
      List<Future<Boolean>> results = new ArrayList<>();
      results.add(pool.submit(() -> slow.completeFulfilment(paid.get(0).idOp(), "c", at(0))));
      assertThat(counting.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 1; i < n; i++) {
        int k = i;
        results.add(
            pool.submit(
                () -> {
                  waiting.add(Thread.currentThread());
                  return slow.completeFulfilment(paid.get(k).idOp(), "c", at(k));
                }));
      }
      // A second completion of the payment whose first is on its way: not recorded again.
      Future<Boolean> again =
          pool.submit(
              () -> {
                waiting.add(Thread.currentThread());
                return slow.completeFulfilment(paid.get(0).idOp(), "c", at(99));
              });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while ((waiting.size() < n
              || waiting.stream()
                  .anyMatch(
                      t ->
                          t.getState() != Thread.State.WAITING
                              && t.getState() != Thread.State.TERMINATED))
          && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      counting.release.countDown();

      for (Future<Boolean> r : results) {
        assertThat(r.get(10, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(again.get(10, TimeUnit.SECONDS)).isFalse();
      // One round trip for the first call, one for all those that queued behind it.
      assertThat(counting.executions()).isEqualTo(2);
      for (int i = 0; i < n; i++) {
        assertThat(ledger.fulfilledAt(paid.get(i).idOp())).contains(at(i));
      }
      assertThat(ledger.findAwaitingFulfilment(10)).isEmpty();
    } finally {
      counting.release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void completeFulfilment_whenTheBatchFails_failsEveryCallInIt() throws Exception {
    int n = 4;
    List<Payment> paid = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Payment p = pending("FACTBFAIL" + i, T0);
      ledger.insert(p);
      assertThat(ledger.transition(paid(p.idOp(), T0.plusSeconds(1)))).isTrue();
      paid.add(p);
    }
    CountingDataSource counting = new CountingDataSource(dataSource, "fulfilled_at = ?");
    counting.failing = 2; // the batch of the calls queued behind the first
    JdbcPaymentLedger slow = JdbcPaymentLedger.create(counting);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Thread> waiting = new java.util.concurrent.CopyOnWriteArrayList<>();
      Future<Boolean> first =
          pool.submit(() -> slow.completeFulfilment(paid.get(0).idOp(), "c", at(0)));
      assertThat(counting.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
      List<Future<Boolean>> queued = new ArrayList<>();
      for (int i = 1; i < n; i++) {
        int k = i;
        queued.add(
            pool.submit(
                () -> {
                  waiting.add(Thread.currentThread());
                  return slow.completeFulfilment(paid.get(k).idOp(), "c", at(k));
                }));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while ((waiting.size() < n - 1
              || waiting.stream().anyMatch(t -> t.getState() != Thread.State.WAITING))
          && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      counting.release.countDown();

      assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
      // Fail closed: a call whose record was not written never answers "already recorded".
      for (Future<Boolean> q : queued) {
        assertThatThrownBy(() -> q.get(10, TimeUnit.SECONDS))
            .hasCauseInstanceOf(SocleClientException.class);
      }
      for (int i = 1; i < n; i++) {
        assertThat(ledger.fulfilledAt(paid.get(i).idOp())).isEmpty();
      }
    } finally {
      counting.release.countDown();
      pool.shutdownNow();
    }
  }

  private static Instant at(int i) {
    return T0.plusSeconds(60 + i);
  }
}
