package fr.socle.payment.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.SocleClientException;
import fr.socle.payment.Payment;
import fr.socle.payment.PaymentState;
import fr.socle.payment.StateTotal;
import fr.socle.payment.payfip.PaymentMeans;
import fr.socle.payment.payfip.Saisie;
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
}
