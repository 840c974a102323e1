package fr.socle.payment.jdbc;

import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleClientException;
import fr.socle.payment.DebtAlreadyPaidException;
import fr.socle.payment.Payment;
import fr.socle.payment.PaymentMeans;
import fr.socle.payment.PaymentState;
import fr.socle.payment.StateTotal;
import fr.socle.payment.jdbc.internal.CompletionWriter;
import fr.socle.payment.jdbc.internal.Dialect;
import fr.socle.payment.jdbc.internal.LedgerSchema;
import fr.socle.payment.jdbc.internal.PaymentRows;
import fr.socle.payment.jdbc.internal.Statements;
import fr.socle.payment.spi.FulfilmentRecord;
import fr.socle.payment.spi.PaymentLedger;
import fr.socle.payment.spi.StateTransition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.sql.DataSource;

/**
 * A {@link PaymentLedger} in a relational database: PostgreSQL in production, H2 as the embedded
 * default. Every node of the application points at the same database.
 *
 * <p>Exactly-once comes from the database only: the operation id is the primary key (a payment is
 * recorded once), and a state change is a single {@code UPDATE ... WHERE id_op = ? AND state IN
 * (...)} whose update count tells the caller whether it won. Under PostgreSQL's default isolation
 * (read committed), a second concurrent update of the same row waits for the first to commit, then
 * re-checks its condition and updates nothing. No JVM lock is involved.
 *
 * <p>A debt is paid once: the PAID row of a debt carries {@code paid_debt = numcli:refdet} under a
 * unique index, so a second attempt reaching PAID for the same debt fails in the database and is
 * recorded as a double payment instead.
 *
 * <p>Fulfilment is arbitrated the same way: {@code fulfilled_at} records that the listener
 * completed, and a claim ({@code fulfilment_claim}, {@code fulfilment_claimed_until}) is taken by a
 * conditional {@code UPDATE} that succeeds only while the fulfilment is not done and no unexpired
 * claim exists. The node that moves a payment to PAID or REVIEW takes the claim in the same {@code
 * UPDATE}, so that a paid notification costs two commits (state with claim, then completion).
 * Completions recorded by several threads at the same time share one JDBC batch (one round trip,
 * one commit); each call still returns once its own row is written.
 *
 * <p>The schema ({@code socle_payment}, {@code socle_payment_schema}) is created and migrated when
 * the ledger is created; it is safe for several nodes to start at once (PostgreSQL: under an
 * advisory lock). Timestamps are stored as {@code TIMESTAMP WITH TIME ZONE}, to the microsecond.
 *
 * <p>Thread-safe; borrows a connection per operation, so give it a pooled {@link DataSource}.
 *
 * <pre>{@code
 * PaymentLedger ledger = JdbcPaymentLedger.create(dataSource); // creates or migrates the schema
 * }</pre>
 */
public final class JdbcPaymentLedger implements PaymentLedger {
  /** The schema version this code writes and reads. */
  public static final int SCHEMA_VERSION = LedgerSchema.VERSION;

  private static final String NEEDS_FULFILMENT =
      " state IN ('PAID', 'REVIEW') AND fulfilled_at IS NULL";

  private final Statements db;
  private final CompletionWriter completions;
  private final AtomicReferenceArray<String> transitionSql =
      new AtomicReferenceArray<>(4 * (PaymentState.values().length + 1));

  private JdbcPaymentLedger(DataSource dataSource, Dialect dialect) {
    this.db = new Statements(dataSource);
    this.completions = new CompletionWriter(db, dialect);
  }

  /**
   * Creates the ledger and brings the schema to {@link #SCHEMA_VERSION}, idempotently.
   *
   * @param dataSource a PostgreSQL or H2 data source, preferably pooled
   * @return the ledger
   * @throws SocleClientException if the database cannot be reached or migrated, or holds a newer
   *     schema than this code knows
   */
  public static JdbcPaymentLedger create(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return new JdbcPaymentLedger(dataSource, LedgerSchema.migrate(dataSource));
  }

  @Override
  public void insert(Payment p) {
    Objects.requireNonNull(p, "payment");
    String sql =
        "INSERT INTO socle_payment ("
            + PaymentRows.COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      PaymentRows.bind(ps, p);
      ps.executeUpdate();
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new SocleClientException("a payment with this operation id is already recorded", e);
      }
      throw Statements.failure("insert", e);
    }
  }

  @Override
  public Optional<Payment> find(String idOp) {
    List<Payment> found =
        db.query("SELECT " + PaymentRows.COLUMNS + " FROM socle_payment WHERE id_op = ?", idOp);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public boolean transition(StateTransition t) {
    Objects.requireNonNull(t, "transition");
    String sql = transitionSql(t.to() == PaymentState.PAID, t.claim().isPresent(), t.from().size());
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setString(i++, t.to().name());
      ps.setObject(i++, PaymentRows.odt(t.at()));
      PaymentRows.setTime(ps, i++, t.transactionTime());
      PaymentRows.setString(ps, i++, t.authorisationNumber());
      PaymentRows.setString(
          ps,
          i++,
          t.means() == PaymentMeans.UNKNOWN ? Optional.empty() : Optional.of(t.means().name()));
      PaymentRows.setString(ps, i++, t.resultCode());
      PaymentRows.setString(ps, i++, t.reviewReason());
      PaymentRows.setTime(ps, i++, t.recheckAt());
      if (t.claim().isPresent()) {
        ps.setString(i++, t.claim().get().claimId());
        ps.setObject(i++, PaymentRows.odt(t.claim().get().until()));
      }
      ps.setString(i++, t.idOp());
      for (PaymentState s : t.from()) {
        ps.setString(i++, s.name());
      }
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      if (t.to() == PaymentState.PAID && "23505".equals(e.getSQLState())) {
        throw new DebtAlreadyPaidException(
            "another attempt of this debt is already paid; " + t.idOp() + " not marked paid");
      }
      throw Statements.failure("transition", e);
    }
  }

  /**
   * The transition statement of one shape, built once: the same string object each time, whose hash
   * the driver's statement cache does not compute again.
   */
  private String transitionSql(boolean paid, boolean claim, int fromStates) {
    int key = (paid ? 1 : 0) | (claim ? 2 : 0) | (fromStates << 2);
    String known = key < transitionSql.length() ? transitionSql.get(key) : null;
    if (known != null) {
      return known;
    }
    StringBuilder sql =
        new StringBuilder(
            "UPDATE socle_payment SET state = ?, updated_at = ?,"
                + " transaction_at = COALESCE(?, transaction_at),"
                + " numauto = COALESCE(?, numauto), means = COALESCE(?, means),"
                + " result_code = COALESCE(?, result_code),"
                + " review_reason = COALESCE(?, review_reason), recheck_at = ?");
    if (paid) {
      sql.append(", paid_debt = numcli || ':' || refdet");
    }
    if (claim) {
      // The fulfilment claim rides on the state change: one commit instead of two. The source
      // states are never PAID or REVIEW, so the row holds no claim and no fulfilment yet.
      sql.append(", fulfilment_claim = ?, fulfilment_claimed_until = ?");
    }
    sql.append(" WHERE id_op = ? AND state IN (");
    for (int i = 0; i < fromStates; i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    sql.append(')');
    String built = sql.toString();
    if (key < transitionSql.length()) {
      transitionSql.set(key, built);
    }
    return built;
  }

  @Override
  public List<Payment> findDueForRecheck(String numcli, Instant now, int limit) {
    if (limit < 1) {
      throw new InvalidInputException("limit must be positive");
    }
    return db.query(
        "SELECT "
            + PaymentRows.COLUMNS
            + " FROM socle_payment WHERE numcli = ? AND recheck_at <= ?"
            + " AND state IN ('EXPIRED', 'ABANDONED')"
            + " ORDER BY recheck_at FETCH FIRST "
            + limit
            + " ROWS ONLY",
        numcli,
        PaymentRows.odt(now));
  }

  @Override
  public void scheduleRecheck(String idOp, PaymentState state, Optional<Instant> at) {
    Objects.requireNonNull(at, "at");
    db.update(
        "UPDATE socle_payment SET recheck_at = ? WHERE id_op = ? AND state = ?",
        "re-check scheduling",
        at.map(PaymentRows::odt).orElse(null),
        idOp,
        state.name());
  }

  @Override
  public StateTotal reviewTotal(String numcli, String reviewReason, Instant from, Instant to) {
    String sql =
        "SELECT COUNT(*), COALESCE(SUM(amount_cents), 0) FROM socle_payment"
            + " WHERE numcli = ? AND state = 'REVIEW' AND review_reason = ?"
            + " AND created_at >= ? AND created_at < ?";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, numcli);
      ps.setString(2, reviewReason);
      ps.setObject(3, PaymentRows.odt(from));
      ps.setObject(4, PaymentRows.odt(to));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new StateTotal(PaymentState.REVIEW, rs.getLong(1), rs.getLong(2));
      }
    } catch (SQLException e) {
      throw Statements.failure("review totals", e);
    }
  }

  @Override
  public List<Payment> findByState(PaymentState state, Instant createdBefore, int limit) {
    if (limit < 1) {
      throw new InvalidInputException("limit must be positive");
    }
    return db.query(
        "SELECT "
            + PaymentRows.COLUMNS
            + " FROM socle_payment WHERE state = ? AND created_at < ?"
            + " ORDER BY created_at FETCH FIRST "
            + limit
            + " ROWS ONLY",
        state.name(),
        PaymentRows.odt(createdBefore));
  }

  @Override
  public List<Payment> findByRefdet(String numcli, String refdet) {
    return db.query(
        "SELECT " + PaymentRows.COLUMNS + " FROM socle_payment WHERE numcli = ? AND refdet = ?",
        numcli,
        refdet);
  }

  @Override
  public List<StateTotal> totals(String numcli, Instant from, Instant to) {
    String sql =
        "SELECT state, COUNT(*), COALESCE(SUM(amount_cents), 0) FROM socle_payment"
            + " WHERE numcli = ? AND created_at >= ? AND created_at < ? GROUP BY state";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, numcli);
      ps.setObject(2, PaymentRows.odt(from));
      ps.setObject(3, PaymentRows.odt(to));
      List<StateTotal> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new StateTotal(PaymentState.valueOf(rs.getString(1)), rs.getLong(2), rs.getLong(3)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw Statements.failure("totals", e);
    }
  }

  @Override
  public boolean claimFulfilment(String idOp, String claimId, Instant now, Instant until) {
    Objects.requireNonNull(claimId, "claimId");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(until, "until");
    return db.update(
            "UPDATE socle_payment SET fulfilment_claim = ?, fulfilment_claimed_until = ?"
                + " WHERE id_op = ? AND"
                + NEEDS_FULFILMENT
                + " AND (fulfilment_claimed_until IS NULL OR fulfilment_claimed_until <= ?)",
            "fulfilment claim",
            claimId,
            PaymentRows.odt(until),
            idOp,
            PaymentRows.odt(now))
        == 1;
  }

  @Override
  public boolean completeFulfilment(String idOp, String claimId, Instant at) {
    Objects.requireNonNull(idOp, "idOp");
    Objects.requireNonNull(at, "at");
    // On PostgreSQL the completion is committed without waiting for its WAL flush (a transaction-
    // local synchronous_commit=off, set inside the statement so that it stays one round trip).
    // What this record protects is a second listener call, never the payment: the state change
    // and the claim are committed durably before the listener runs. If the database crashes in
    // the fraction of a second before the record reaches disk, the claim (durable) expires and
    // the listener is called again: the same outcome as a node stopping before recording it,
    // which the listener contract already covers (idempotent on idOp). It saves one disk flush
    // per paid notification. Completions arriving together share one batch (CompletionWriter):
    // each call still returns once its own row is written.
    return completions.complete(idOp, at);
  }

  @Override
  public Set<String> completeFulfilments(List<FulfilmentRecord> records) {
    Objects.requireNonNull(records, "records");
    // One statement for all of them on PostgreSQL (see CompletionWriter.completeAll), committed
    // without waiting for its WAL flush, for the reason given in completeFulfilment.
    return records.isEmpty() ? Set.of() : completions.completeAll(records);
  }

  @Override
  public void releaseFulfilment(String idOp, String claimId) {
    db.update(
        "UPDATE socle_payment SET fulfilment_claim = NULL, fulfilment_claimed_until = NULL"
            + " WHERE id_op = ? AND fulfilment_claim = ? AND fulfilled_at IS NULL",
        "fulfilment release",
        idOp,
        claimId);
  }

  @Override
  public Optional<Instant> fulfilledAt(String idOp) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement("SELECT fulfilled_at FROM socle_payment WHERE id_op = ?")) {
      ps.setString(1, idOp);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        OffsetDateTime at = rs.getObject(1, OffsetDateTime.class);
        return at == null ? Optional.empty() : Optional.of(at.toInstant());
      }
    } catch (SQLException e) {
      throw Statements.failure("fulfilment query", e);
    }
  }

  @Override
  public List<Payment> findAwaitingFulfilment(int limit) {
    if (limit < 1) {
      throw new InvalidInputException("limit must be positive");
    }
    return db.query(
        "SELECT "
            + PaymentRows.COLUMNS
            + " FROM socle_payment WHERE"
            + NEEDS_FULFILMENT
            + " ORDER BY updated_at FETCH FIRST "
            + limit
            + " ROWS ONLY");
  }

  @Override
  public List<Payment> findClaimableFulfilments(Instant now, int limit) {
    Objects.requireNonNull(now, "now");
    if (limit < 1) {
      throw new InvalidInputException("limit must be positive");
    }
    return db.query(
        "SELECT "
            + PaymentRows.COLUMNS
            + " FROM socle_payment WHERE"
            + NEEDS_FULFILMENT
            + " AND (fulfilment_claimed_until IS NULL OR fulfilment_claimed_until <= ?)"
            + " ORDER BY updated_at FETCH FIRST "
            + limit
            + " ROWS ONLY",
        PaymentRows.odt(now));
  }

  @Override
  public String toString() {
    return "JdbcPaymentLedger";
  }
}
