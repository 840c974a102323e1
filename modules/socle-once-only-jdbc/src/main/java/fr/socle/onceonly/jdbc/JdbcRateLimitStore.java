package fr.socle.onceonly.jdbc;

import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleClientException;
import fr.socle.onceonly.spi.Pace;
import fr.socle.onceonly.spi.RateLimitStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RateLimitStore} on PostgreSQL: one row per key ({@code socle_onceonly_rate_limit}) holding
 * the next free slot in microseconds of the <em>database's</em> clock, so that nodes with skewed
 * clocks still space their calls correctly.
 *
 * <p>A reservation is one transaction: it locks the call's rows ({@code SELECT ... FOR UPDATE}, in
 * key order so that two reservations never deadlock), computes the common slot, and moves every
 * row, or rolls back when the slot is further than the caller accepts to wait. Rows whose slot is
 * an hour in the past are purged now and then (FranceConnect tokens make one key per user session).
 *
 * <p>Fail closed: when the database cannot be reached, {@link #reserve} throws a {@link
 * SocleClientException} and the call to the API is not made, rather than going out unmetered.
 *
 * <pre>{@code
 * OnceOnlyRateLimiter limiter = OnceOnlyRateLimiter.builder()
 *     .store(JdbcRateLimitStore.create(dataSource))
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe. The data source stays the caller's: Socle never closes it. Use a pool: every
 * reservation borrows a connection for a few milliseconds.
 */
public final class JdbcRateLimitStore implements RateLimitStore {
  private static final Logger log = LoggerFactory.getLogger(JdbcRateLimitStore.class);

  /** The table's name. */
  public static final String TABLE = "socle_onceonly_rate_limit";

  private static final long MIGRATION_LOCK = 0x50C1E0A1L;
  private static final String NOW_US = "(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::BIGINT";
  private static final long PURGE_EVERY = 10_000;

  private final DataSource dataSource;
  private final AtomicLong reservations = new AtomicLong();

  private JdbcRateLimitStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Creates the store, and its table if missing (several nodes may start together).
   *
   * @param dataSource a PostgreSQL data source, preferably pooled
   * @return the store
   * @throws SocleClientException if the database cannot be reached or the table created
   */
  public static JdbcRateLimitStore create(DataSource dataSource) {
    JdbcRateLimitStore store =
        new JdbcRateLimitStore(Objects.requireNonNull(dataSource, "dataSource"));
    store.createTable();
    return store;
  }

  private void createTable() {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
        // UNLOGGED: no write-ahead log, so a reservation commits without waiting for a disk
        // flush while it holds its rows (every node queues on the same rows). A database crash
        // empties the table; the limits then start afresh, as after a restart of every node.
        s.execute(
            "CREATE UNLOGGED TABLE IF NOT EXISTS "
                + TABLE
                + " (rate_key VARCHAR(200) NOT NULL PRIMARY KEY, next_slot_us BIGINT NOT NULL)");
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw failure("table creation", e);
    }
  }

  @Override
  public Optional<Duration> reserve(List<Pace> paces, Duration maxWait) {
    Objects.requireNonNull(paces, "paces");
    Objects.requireNonNull(maxWait, "maxWait");
    if (paces.isEmpty()) {
      throw new InvalidInputException("paces must not be empty");
    }
    Map<String, Long> intervals = new HashMap<>();
    for (Pace p : paces) {
      if (intervals.put(p.key(), micros(p.interval())) != null) {
        throw new InvalidInputException("paces must have distinct keys");
      }
    }
    List<String> keys = new ArrayList<>(intervals.keySet());
    keys.sort(null);
    if (reservations.incrementAndGet() % PURGE_EVERY == 0) {
      purgeExpired();
    }
    try (Connection c = dataSource.getConnection()) {
      Optional<Long> wait = reserve(c, keys, intervals, micros(maxWait));
      if (wait.isEmpty()) {
        // Either the wait is too long, or a key had no row yet when the statement ran (first
        // use, possibly inserted meanwhile by another node): make sure every row exists and ask
        // once more. An empty answer then is a genuine refusal.
        insertMissing(c, keys);
        wait = reserve(c, keys, intervals, micros(maxWait));
      }
      return wait.map(us -> Duration.ofNanos(Math.max(0, us) * 1000));
    } catch (SQLException e) {
      throw failure("reservation", e);
    }
  }

  /**
   * One statement, so that the rows stay locked for the statement only: lock the rows in key order,
   * compute the common slot after the locks are held (clock_timestamp(), not the statement's
   * start), move every row, and return the wait measured when the statement ends. No row comes back
   * when the wait is too long or a key has no row yet.
   */
  private static Optional<Long> reserve(
      Connection c, List<String> keys, Map<String, Long> intervals, long maxWaitUs)
      throws SQLException {
    String in = String.join(",", Collections.nCopies(keys.size(), "?"));
    StringBuilder when = new StringBuilder();
    for (int i = 0; i < keys.size(); i++) {
      when.append(" WHEN ? THEN ?::BIGINT");
    }
    String sql =
        "WITH locked AS (SELECT rate_key, next_slot_us FROM "
            + TABLE
            + " WHERE rate_key IN ("
            + in
            + ") ORDER BY rate_key FOR UPDATE),"
            + " slot AS (SELECT GREATEST(COALESCE(MAX(next_slot_us), 0), "
            + NOW_US
            + ") AS s, COUNT(*) AS found FROM locked)"
            + " UPDATE "
            + TABLE
            + " t SET next_slot_us = slot.s + CASE t.rate_key"
            + when
            + " END FROM slot WHERE t.rate_key IN ("
            + in
            + ") AND slot.found = ? AND slot.s - "
            + NOW_US
            + " <= ? RETURNING slot.s - "
            + NOW_US;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (String k : keys) {
        ps.setString(i++, k);
      }
      for (String k : keys) {
        ps.setString(i++, k);
        ps.setLong(i++, intervals.get(k));
      }
      for (String k : keys) {
        ps.setString(i++, k);
      }
      ps.setLong(i++, keys.size());
      ps.setLong(i, maxWaitUs);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  /** Inserts the keys that have no row yet (another node may insert them at the same time). */
  private static void insertMissing(Connection c, List<String> keys) throws SQLException {
    try (PreparedStatement ins =
        c.prepareStatement(
            "INSERT INTO "
                + TABLE
                + " (rate_key, next_slot_us) VALUES (?, 0) ON CONFLICT DO NOTHING")) {
      for (String k : keys) {
        ins.setString(1, k);
        ins.executeUpdate();
      }
    }
  }

  @Override
  public void holdOff(String key, Duration delay) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(delay, "delay");
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO "
                    + TABLE
                    + " (rate_key, next_slot_us) VALUES (?, "
                    + NOW_US
                    + " + ?) ON CONFLICT (rate_key) DO UPDATE SET next_slot_us ="
                    + " GREATEST("
                    + TABLE
                    + ".next_slot_us, EXCLUDED.next_slot_us)")) {
      ps.setString(1, key);
      ps.setLong(2, micros(delay));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw failure("hold-off", e);
    }
  }

  /**
   * Deletes the rows whose next slot is more than an hour in the past. Called now and then by
   * {@link #reserve}; call it from a scheduled job if you prefer.
   *
   * @return the number of rows deleted
   */
  public int purgeExpired() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "DELETE FROM " + TABLE + " WHERE next_slot_us < " + NOW_US + " - 3600000000")) {
      int n = ps.executeUpdate();
      log.debug("rate-limit store: {} expired keys purged", n);
      return n;
    } catch (SQLException e) {
      throw failure("purge", e);
    }
  }

  private static long micros(Duration d) {
    try {
      return Math.max(0, d.toNanos() / 1000);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4;
    }
  }

  private static SocleClientException failure(String what, SQLException e) {
    // SQL states are safe to log; messages may quote values, and keys hold token fingerprints.
    return new SocleClientException(
        "rate-limit store "
            + what
            + " failed (SQL state "
            + e.getSQLState()
            + "); the API was not called",
        e);
  }

  @Override
  public String toString() {
    return "JdbcRateLimitStore[" + TABLE + "]";
  }
}
