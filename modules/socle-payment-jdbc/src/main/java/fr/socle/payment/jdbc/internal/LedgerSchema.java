package fr.socle.payment.jdbc.internal;

import fr.socle.core.SocleClientException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's schema ({@code socle_payment}, {@code socle_payment_schema}) and its migrations,
 * applied idempotently and safely when several nodes start at once (PostgreSQL: under an advisory
 * lock, DDL being transactional there).
 */
public final class LedgerSchema {
  private static final Logger log = LoggerFactory.getLogger(LedgerSchema.class);

  /** The schema version this code writes and reads. */
  public static final int VERSION = 3;

  private static final long MIGRATION_LOCK = 0x50415946495031L; // "PAYFIP1"

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

  private LedgerSchema() {}

  /**
   * Brings the schema to {@link #VERSION}, idempotently.
   *
   * @param dataSource the database
   * @return the database's dialect
   * @throws SocleClientException if the database cannot be reached or migrated, or holds a newer
   *     schema than this code knows
   */
  public static Dialect migrate(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      Dialect dialect =
          c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")
              ? Dialect.POSTGRESQL
              : Dialect.PORTABLE;
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        if (dialect == Dialect.POSTGRESQL) {
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
        if (current > VERSION) {
          throw new SocleClientException(
              "payment ledger schema version "
                  + current
                  + " is newer than this code ("
                  + VERSION
                  + ")");
        }
        for (int v = current; v < VERSION; v++) {
          for (String sql : MIGRATIONS.get(v)) {
            s.execute(sql);
          }
          s.execute("INSERT INTO socle_payment_schema (version) VALUES (" + (v + 1) + ")");
          log.debug("payment ledger schema migrated to version {}", v + 1);
        }
        c.commit();
        return dialect;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw Statements.failure("schema migration", e);
    }
  }
}
