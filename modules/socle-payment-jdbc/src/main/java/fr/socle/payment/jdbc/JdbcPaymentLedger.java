package fr.socle.payment.jdbc;

import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleClientException;
import fr.socle.payment.DebtAlreadyPaidException;
import fr.socle.payment.Payment;
import fr.socle.payment.PaymentMeans;
import fr.socle.payment.PaymentState;
import fr.socle.payment.Saisie;
import fr.socle.payment.StateTotal;
import fr.socle.payment.spi.PaymentLedger;
import fr.socle.payment.spi.StateTransition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger log = LoggerFactory.getLogger(JdbcPaymentLedger.class);

  /** The schema version this code writes and reads. */
  public static final int SCHEMA_VERSION = 3;

  private static final long MIGRATION_LOCK = 0x50415946495031L; // "PAYFIP1"

  private static final String COLUMNS =
      "id_op, numcli, refdet, exer, amount_cents, label, payer_email, saisie, state, created_at,"
          + " updated_at, transaction_at, numauto, means, result_code, review_reason";

  /**
   * Migrations by version: statements that take the schema from version {@code i} to {@code i+1}.
   */
  private static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              "CREATE TABLE IF NOT EXISTS socle_payment ("
                  + " id_op VARCHAR(64) NOT NULL PRIMARY KEY,"
                  + " numcli CHAR(6) NOT NULL,"
                  + " refdet VARCHAR(30) NOT NULL,"
                  + " exer INTEGER NOT NULL,"
                  + " amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),"
                  + " label VARCHAR(100) NOT NULL,"
                  + " payer_email VARCHAR(80) NOT NULL,"
                  + " saisie CHAR(1) NOT NULL,"
                  + " state VARCHAR(16) NOT NULL,"
                  + " created_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                  + " updated_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                  + " transaction_at TIMESTAMP WITH TIME ZONE,"
                  + " numauto VARCHAR(64),"
                  + " means VARCHAR(16) NOT NULL,"
                  + " result_code VARCHAR(8),"
                  + " review_reason VARCHAR(200))",
              "CREATE INDEX IF NOT EXISTS socle_payment_state_idx"
                  + " ON socle_payment (state, created_at)",
              "CREATE INDEX IF NOT EXISTS socle_payment_numcli_idx"
                  + " ON socle_payment (numcli, created_at)",
              "CREATE INDEX IF NOT EXISTS socle_payment_refdet_idx"
                  + " ON socle_payment (numcli, refdet)"),
          // Version 2: durable fulfilment. Rows already PAID or REVIEW were handled under the
          // previous contract (one unrecorded listener call): mark them fulfilled, so that the
          // upgrade does not call the listener again for the whole history.
          List.of(
              "ALTER TABLE socle_payment ADD COLUMN IF NOT EXISTS"
                  + " fulfilled_at TIMESTAMP WITH TIME ZONE",
              "ALTER TABLE socle_payment ADD COLUMN IF NOT EXISTS fulfilment_claim VARCHAR(64)",
              "ALTER TABLE socle_payment ADD COLUMN IF NOT EXISTS"
                  + " fulfilment_claimed_until TIMESTAMP WITH TIME ZONE",
              "UPDATE socle_payment SET fulfilled_at = updated_at"
                  + " WHERE state IN ('PAID', 'REVIEW') AND fulfilled_at IS NULL",
              "CREATE INDEX IF NOT EXISTS socle_payment_fulfilment_idx"
                  + " ON socle_payment (fulfilled_at, state, updated_at)"),
          // Version 3: re-checks of expired and abandoned payments, and one paid attempt per
          // debt. paid_debt holds "numcli:refdet" on the PAID row only; its unique index makes a
          // second PAID for the same debt fail in the database, whatever the node. Existing
          // expired or abandoned rows are re-checked once (Payments closes those past the
          // window); where history already holds several PAID attempts of one debt, the first
          // keeps the key and the others stay as they were.
          List.of(
              "ALTER TABLE socle_payment ADD COLUMN IF NOT EXISTS"
                  + " recheck_at TIMESTAMP WITH TIME ZONE",
              "ALTER TABLE socle_payment ADD COLUMN IF NOT EXISTS paid_debt VARCHAR(40)",
              "UPDATE socle_payment SET recheck_at = updated_at"
                  + " WHERE state IN ('EXPIRED', 'ABANDONED')",
              "UPDATE socle_payment SET paid_debt = numcli || ':' || refdet WHERE state = 'PAID'"
                  + " AND id_op = (SELECT MIN(o.id_op) FROM socle_payment o WHERE o.state = 'PAID'"
                  + " AND o.numcli = socle_payment.numcli AND o.refdet = socle_payment.refdet)",
              "CREATE UNIQUE INDEX IF NOT EXISTS socle_payment_paid_debt_idx"
                  + " ON socle_payment (paid_debt)",
              "CREATE INDEX IF NOT EXISTS socle_payment_recheck_idx"
                  + " ON socle_payment (numcli, recheck_at)"));

  private static final String NEEDS_FULFILMENT =
      " state IN ('PAID', 'REVIEW') AND fulfilled_at IS NULL";

  private final DataSource dataSource;
  private volatile boolean postgres;

  private JdbcPaymentLedger(DataSource dataSource) {
    this.dataSource = dataSource;
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
    JdbcPaymentLedger ledger =
        new JdbcPaymentLedger(Objects.requireNonNull(dataSource, "dataSource"));
    ledger.migrate();
    return ledger;
  }

  private void migrate() {
    try (Connection c = dataSource.getConnection()) {
      postgres =
          c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        if (postgres) {
          // Two nodes starting together would race on CREATE TABLE; DDL is transactional here.
          s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
        }
        s.execute(
            "CREATE TABLE IF NOT EXISTS socle_payment_schema (version INTEGER NOT NULL PRIMARY KEY)");
        int current = 0;
        try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM socle_payment_schema")) {
          if (rs.next()) {
            current = rs.getInt(1);
          }
        }
        if (current > SCHEMA_VERSION) {
          throw new SocleClientException(
              "payment ledger schema version "
                  + current
                  + " is newer than this code ("
                  + SCHEMA_VERSION
                  + ")");
        }
        for (int v = current; v < SCHEMA_VERSION; v++) {
          for (String sql : MIGRATIONS.get(v)) {
            s.execute(sql);
          }
          s.execute("INSERT INTO socle_payment_schema (version) VALUES (" + (v + 1) + ")");
          log.debug("payment ledger schema migrated to version {}", v + 1);
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw failure("schema migration", e);
    }
  }

  @Override
  public void insert(Payment p) {
    Objects.requireNonNull(p, "payment");
    String sql =
        "INSERT INTO socle_payment ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, p.idOp());
      ps.setString(2, p.numcli());
      ps.setString(3, p.refdet());
      ps.setInt(4, p.exer());
      ps.setLong(5, p.amountCents());
      ps.setString(6, p.label());
      ps.setString(7, p.payerEmail());
      ps.setString(8, String.valueOf(p.saisie().code()));
      ps.setString(9, p.state().name());
      ps.setObject(10, odt(p.createdAt()));
      ps.setObject(11, odt(p.updatedAt()));
      setTime(ps, 12, p.transactionTime());
      setString(ps, 13, p.authorisationNumber());
      ps.setString(14, p.means().name());
      setString(ps, 15, p.resultCode());
      setString(ps, 16, p.reviewReason());
      ps.executeUpdate();
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new SocleClientException("a payment with this operation id is already recorded", e);
      }
      throw failure("insert", e);
    }
  }

  @Override
  public Optional<Payment> find(String idOp) {
    List<Payment> found = query("SELECT " + COLUMNS + " FROM socle_payment WHERE id_op = ?", idOp);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public boolean transition(StateTransition t) {
    Objects.requireNonNull(t, "transition");
    StringBuilder sql =
        new StringBuilder(
            "UPDATE socle_payment SET state = ?, updated_at = ?,"
                + " transaction_at = COALESCE(?, transaction_at),"
                + " numauto = COALESCE(?, numauto), means = COALESCE(?, means),"
                + " result_code = COALESCE(?, result_code),"
                + " review_reason = COALESCE(?, review_reason), recheck_at = ?");
    if (t.to() == PaymentState.PAID) {
      sql.append(", paid_debt = numcli || ':' || refdet");
    }
    if (t.claim().isPresent()) {
      // The fulfilment claim rides on the state change: one commit instead of two. The source
      // states are never PAID or REVIEW, so the row holds no claim and no fulfilment yet.
      sql.append(", fulfilment_claim = ?, fulfilment_claimed_until = ?");
    }
    sql.append(" WHERE id_op = ? AND state IN (");
    for (int i = 0; i < t.from().size(); i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    sql.append(')');
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = 1;
      ps.setString(i++, t.to().name());
      ps.setObject(i++, odt(t.at()));
      setTime(ps, i++, t.transactionTime());
      setString(ps, i++, t.authorisationNumber());
      setString(
          ps,
          i++,
          t.means() == PaymentMeans.UNKNOWN ? Optional.empty() : Optional.of(t.means().name()));
      setString(ps, i++, t.resultCode());
      setString(ps, i++, t.reviewReason());
      setTime(ps, i++, t.recheckAt());
      if (t.claim().isPresent()) {
        ps.setString(i++, t.claim().get().claimId());
        ps.setObject(i++, odt(t.claim().get().until()));
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
      throw failure("transition", e);
    }
  }

  @Override
  public List<Payment> findDueForRecheck(String numcli, Instant now, int limit) {
    if (limit < 1) {
      throw new InvalidInputException("limit must be positive");
    }
    return query(
        "SELECT "
            + COLUMNS
            + " FROM socle_payment WHERE numcli = ? AND recheck_at <= ?"
            + " AND state IN ('EXPIRED', 'ABANDONED')"
            + " ORDER BY recheck_at FETCH FIRST "
            + limit
            + " ROWS ONLY",
        numcli,
        odt(now));
  }

  @Override
  public void scheduleRecheck(String idOp, PaymentState state, Optional<Instant> at) {
    Objects.requireNonNull(at, "at");
    update(
        "UPDATE socle_payment SET recheck_at = ? WHERE id_op = ? AND state = ?",
        "re-check scheduling",
        at.map(JdbcPaymentLedger::odt).orElse(null),
        idOp,
        state.name());
  }

  @Override
  public StateTotal reviewTotal(String numcli, String reviewReason, Instant from, Instant to) {
    String sql =
        "SELECT COUNT(*), COALESCE(SUM(amount_cents), 0) FROM socle_payment"
            + " WHERE numcli = ? AND state = 'REVIEW' AND review_reason = ?"
            + " AND created_at >= ? AND created_at < ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, numcli);
      ps.setString(2, reviewReason);
      ps.setObject(3, odt(from));
      ps.setObject(4, odt(to));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new StateTotal(PaymentState.REVIEW, rs.getLong(1), rs.getLong(2));
      }
    } catch (SQLException e) {
      throw failure("review totals", e);
    }
  }

  @Override
  public List<Payment> findByState(PaymentState state, Instant createdBefore, int limit) {
    if (limit < 1) {
      throw new InvalidInputException("limit must be positive");
    }
    return query(
        "SELECT "
            + COLUMNS
            + " FROM socle_payment WHERE state = ? AND created_at < ?"
            + " ORDER BY created_at FETCH FIRST "
            + limit
            + " ROWS ONLY",
        state.name(),
        odt(createdBefore));
  }

  @Override
  public List<Payment> findByRefdet(String numcli, String refdet) {
    return query(
        "SELECT " + COLUMNS + " FROM socle_payment WHERE numcli = ? AND refdet = ?",
        numcli,
        refdet);
  }

  @Override
  public List<StateTotal> totals(String numcli, Instant from, Instant to) {
    String sql =
        "SELECT state, COUNT(*), COALESCE(SUM(amount_cents), 0) FROM socle_payment"
            + " WHERE numcli = ? AND created_at >= ? AND created_at < ? GROUP BY state";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, numcli);
      ps.setObject(2, odt(from));
      ps.setObject(3, odt(to));
      List<StateTotal> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new StateTotal(PaymentState.valueOf(rs.getString(1)), rs.getLong(2), rs.getLong(3)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("totals", e);
    }
  }

  @Override
  public boolean claimFulfilment(String idOp, String claimId, Instant now, Instant until) {
    Objects.requireNonNull(claimId, "claimId");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(until, "until");
    return update(
            "UPDATE socle_payment SET fulfilment_claim = ?, fulfilment_claimed_until = ?"
                + " WHERE id_op = ? AND"
                + NEEDS_FULFILMENT
                + " AND (fulfilment_claimed_until IS NULL OR fulfilment_claimed_until <= ?)",
            "fulfilment claim",
            claimId,
            odt(until),
            idOp,
            odt(now))
        == 1;
  }

  @Override
  public boolean completeFulfilment(String idOp, String claimId, Instant at) {
    Objects.requireNonNull(at, "at");
    // On PostgreSQL the completion is committed without waiting for its WAL flush (a transaction-
    // local synchronous_commit=off, set inside the statement so that it stays one round trip).
    // What this record protects is a second listener call, never the payment: the state change
    // and the claim are committed durably before the listener runs. If the database crashes in
    // the fraction of a second before the record reaches disk, the claim (durable) expires and
    // the listener is called again: the same outcome as a node stopping before recording it,
    // which the listener contract already covers (idempotent on idOp). It saves one disk flush
    // per paid notification.
    String asyncCommit =
        postgres ? " AND (SELECT set_config('synchronous_commit', 'off', true)) IS NOT NULL" : "";
    return update(
            "UPDATE socle_payment SET fulfilled_at = ?, fulfilment_claim = NULL,"
                + " fulfilment_claimed_until = NULL WHERE id_op = ? AND fulfilled_at IS NULL"
                + asyncCommit,
            "fulfilment completion",
            odt(at),
            idOp)
        == 1;
  }

  @Override
  public void releaseFulfilment(String idOp, String claimId) {
    update(
        "UPDATE socle_payment SET fulfilment_claim = NULL, fulfilment_claimed_until = NULL"
            + " WHERE id_op = ? AND fulfilment_claim = ? AND fulfilled_at IS NULL",
        "fulfilment release",
        idOp,
        claimId);
  }

  @Override
  public Optional<Instant> fulfilledAt(String idOp) {
    try (Connection c = dataSource.getConnection();
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
      throw failure("fulfilment query", e);
    }
  }

  @Override
  public List<Payment> findAwaitingFulfilment(int limit) {
    if (limit < 1) {
      throw new InvalidInputException("limit must be positive");
    }
    return query(
        "SELECT "
            + COLUMNS
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
    return query(
        "SELECT "
            + COLUMNS
            + " FROM socle_payment WHERE"
            + NEEDS_FULFILMENT
            + " AND (fulfilment_claimed_until IS NULL OR fulfilment_claimed_until <= ?)"
            + " ORDER BY updated_at FETCH FIRST "
            + limit
            + " ROWS ONLY",
        odt(now));
  }

  private int update(String sql, String what, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        if (args[i] == null) {
          ps.setNull(i + 1, Types.TIMESTAMP_WITH_TIMEZONE); // the only nullable argument
        } else {
          ps.setObject(i + 1, args[i]);
        }
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private List<Payment> query(String sql, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      List<Payment> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("query", e);
    }
  }

  private static Payment read(ResultSet rs) throws SQLException {
    OffsetDateTime tx = rs.getObject("transaction_at", OffsetDateTime.class);
    return new Payment(
        rs.getString("id_op"),
        rs.getString("numcli"),
        rs.getString("refdet"),
        rs.getInt("exer"),
        rs.getLong("amount_cents"),
        rs.getString("label"),
        rs.getString("payer_email"),
        Saisie.fromCode(rs.getString("saisie")),
        PaymentState.valueOf(rs.getString("state")),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
        tx == null ? Optional.empty() : Optional.of(tx.toInstant()),
        Optional.ofNullable(rs.getString("numauto")),
        PaymentMeans.valueOf(rs.getString("means")),
        Optional.ofNullable(rs.getString("result_code")),
        Optional.ofNullable(rs.getString("review_reason")));
  }

  private static OffsetDateTime odt(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static void setTime(PreparedStatement ps, int i, Optional<Instant> value)
      throws SQLException {
    if (value.isPresent()) {
      ps.setObject(i, odt(value.get()));
    } else {
      ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    }
  }

  private static void setString(PreparedStatement ps, int i, Optional<String> value)
      throws SQLException {
    if (value.isPresent()) {
      ps.setString(i, value.get());
    } else {
      ps.setNull(i, Types.VARCHAR);
    }
  }

  private static SocleClientException failure(String what, SQLException e) {
    // The SQL state only: driver messages may quote row values.
    return new SocleClientException(
        "payment ledger " + what + " failed (SQL state " + e.getSQLState() + ")", e);
  }

  @Override
  public String toString() {
    return "JdbcPaymentLedger";
  }
}
