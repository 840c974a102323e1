package fr.socle.onceonly.jdbc;

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
import java.util.HashMap;
import java.util.HashSet;
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
        s.execute(
            "CREATE TABLE IF NOT EXISTS "
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
      throw new IllegalArgumentException("paces must not be empty");
    }
    Map<String, Long> intervals = new HashMap<>();
    for (Pace p : paces) {
      if (intervals.put(p.key(), micros(p.interval())) != null) {
        throw new IllegalArgumentException("paces must have distinct keys");
      }
    }
    List<String> keys = new ArrayList<>(intervals.keySet());
    keys.sort(null);
    if (reservations.incrementAndGet() % PURGE_EVERY == 0) {
      purgeExpired();
    }
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        Optional<Duration> wait = reserve(c, keys, intervals, micros(maxWait));
        if (wait.isPresent()) {
          c.commit();
        } else {
          c.rollback();
        }
        return wait;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw failure("reservation", e);
    }
  }

  private static Optional<Duration> reserve(
      Connection c, List<String> keys, Map<String, Long> intervals, long maxWaitUs)
      throws SQLException {
    long now = 0;
    long slot = Long.MIN_VALUE;
    java.util.Set<String> found = new HashSet<>();
    String in = String.join(",", java.util.Collections.nCopies(keys.size(), "?"));
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT rate_key, next_slot_us, "
                + NOW_US
                + " FROM "
                + TABLE
                + " WHERE rate_key IN ("
                + in
                + ") ORDER BY rate_key FOR UPDATE")) {
      for (int i = 0; i < keys.size(); i++) {
        ps.setString(i + 1, keys.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getString(1));
          slot = Math.max(slot, rs.getLong(2));
          now = rs.getLong(3);
        }
      }
    }
    if (found.size() < keys.size()) {
      // First use of a key: insert it (a concurrent insert by another node is harmless), then
      // start over so that every row is locked in key order.
      try (PreparedStatement ins =
          c.prepareStatement(
              "INSERT INTO "
                  + TABLE
                  + " (rate_key, next_slot_us) VALUES (?, 0) ON CONFLICT DO NOTHING")) {
        for (String k : keys) {
          if (!found.contains(k)) {
            ins.setString(1, k);
            ins.addBatch();
          }
        }
        ins.executeBatch();
      }
      return reserve(c, keys, intervals, maxWaitUs);
    }
    long start = Math.max(now, slot);
    long wait = start - now;
    if (wait > maxWaitUs) {
      return Optional.empty();
    }
    try (PreparedStatement up =
        c.prepareStatement("UPDATE " + TABLE + " SET next_slot_us = ? WHERE rate_key = ?")) {
      for (String k : keys) {
        up.setLong(1, start + intervals.get(k));
        up.setString(2, k);
        up.addBatch();
      }
      up.executeBatch();
    }
    return Optional.of(Duration.ofNanos(wait * 1000));
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
