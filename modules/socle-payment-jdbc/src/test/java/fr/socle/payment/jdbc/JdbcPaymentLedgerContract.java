package fr.socle.payment.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.SocleClientException;
import fr.socle.payment.Payment;
import fr.socle.payment.PaymentState;
import fr.socle.payment.spi.PaymentLedger;
import fr.socle.payment.spi.StateTransition;
import fr.socle.testkit.contract.PaymentLedgerContract;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What every JDBC database must guarantee, run against PostgreSQL and H2: the SPI's contract
 * ({@link PaymentLedgerContract}, shared with every ledger) plus the schema's creation and
 * migrations.
 */
abstract class JdbcPaymentLedgerContract extends PaymentLedgerContract {
  DataSource dataSource;

  abstract DataSource newDatabase();

  /** The contract's PAID transition, for the tests of this package. */
  static StateTransition paidTransition(String idOp, Instant at) {
    return paid(idOp, at);
  }

  @Override
  protected PaymentLedger createLedger() {
    dataSource = newDatabase();
    return JdbcPaymentLedger.create(dataSource);
  }

  @Test
  void create_whenTheDataSourceIsNull_namesIt() {
    assertThatThrownBy(() -> JdbcPaymentLedger.create(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("dataSource");
  }

  @Test
  void create_whenTheSchemaExists_isIdempotentAndKeepsTheData() {
    Payment p = pending("FACT000001", T0);
    ledger().insert(p);

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
  void completeFulfilment_whenCallsArriveTogether_sharesOneRoundTripAndAnswersEachCall()
      throws Exception {
    int n = 8;
    List<Payment> paid = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Payment p = pending("FACTBATCH" + i, T0);
      ledger().insert(p);
      assertThat(ledger().transition(paid(p.idOp(), T0.plusSeconds(1)))).isTrue();
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
        assertThat(ledger().fulfilledAt(paid.get(i).idOp())).contains(at(i));
      }
      assertThat(ledger().findAwaitingFulfilment(10)).isEmpty();
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
      ledger().insert(p);
      assertThat(ledger().transition(paid(p.idOp(), T0.plusSeconds(1)))).isTrue();
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
        assertThat(ledger().fulfilledAt(paid.get(i).idOp())).isEmpty();
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
