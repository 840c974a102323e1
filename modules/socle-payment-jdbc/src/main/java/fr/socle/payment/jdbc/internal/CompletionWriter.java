package fr.socle.payment.jdbc.internal;

import fr.socle.core.SocleClientException;
import fr.socle.payment.spi.FulfilmentRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Records fulfilment completions, combining the calls that arrive together into one JDBC batch: one
 * connection, one round trip and (on PostgreSQL, in autocommit) one commit for all of them, instead
 * of one of each per call.
 *
 * <p>Every call still returns only once its own row is written, with its own update count: the
 * caller sees exactly what a single-row {@code UPDATE} would have told it, and a completion is
 * never left waiting in memory. The calls queue their request, then take turns at a lock; the
 * holder writes every queued request (its own and those of the callers waiting behind it), so that
 * while one batch is on its way to the database the next one fills up. Under no concurrency this is
 * a single-row update, as before; under load, batch size grows with the number of callers waiting,
 * with no timer and no added latency.
 *
 * <p>Each row keeps its own completion time, and the statement per row is the same conditional
 * update as before ({@code WHERE id_op = ? AND fulfilled_at IS NULL}): two completions of one
 * payment in one batch run in order, the first is recorded and the second changes nothing.
 */
public final class CompletionWriter {
  /** The most rows written in one batch. */
  static final int MAX_BATCH = 64;

  /** The most rows written by one set-based statement. */
  static final int MAX_SET = 1000;

  private final Statements db;
  private final Dialect dialect;
  private final String sql;
  private final ConcurrentLinkedQueue<Request> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock writing = new ReentrantLock();

  /**
   * Creates the writer.
   *
   * @param db the statement runner
   * @param dialect the database's dialect
   */
  public CompletionWriter(Statements db, Dialect dialect) {
    this.db = Objects.requireNonNull(db, "db");
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    this.sql =
        "UPDATE socle_payment SET fulfilled_at = ?, fulfilment_claim = NULL,"
            + " fulfilment_claimed_until = NULL WHERE id_op = ? AND fulfilled_at IS NULL"
            + dialect.asynchronousCommit();
  }

  /**
   * Records that a payment's listener completed, if not recorded yet; returns once written.
   *
   * @param idOp the payment
   * @param at when the listener completed
   * @return true if this call recorded it, false if it was already recorded or the payment does not
   *     exist
   * @throws SocleClientException if the database failed (the batch this call was in is not
   *     recorded)
   */
  public boolean complete(String idOp, Instant at) {
    Request mine = new Request(idOp, PaymentRows.odt(at));
    queue.add(mine);
    writing.lock();
    try {
      // A previous holder may have written this request already; otherwise this thread writes
      // it, with whatever else is queued.
      while (!mine.done) {
        writeQueued();
      }
    } finally {
      writing.unlock();
    }
    if (mine.failure instanceof SQLException) {
      // One exception per caller: the SQL state only, never the driver's message (row values).
      throw Statements.failure("fulfilment completion", (SQLException) mine.failure);
    }
    if (mine.failure != null) {
      // Fail closed: a call whose row was not written never answers "already recorded".
      throw new SocleClientException(
          "payment ledger fulfilment completion failed (" + mine.failure.getClass().getName() + ")",
          mine.failure);
    }
    return mine.recorded;
  }

  /**
   * Records many completions at once, in as few statements as possible: on PostgreSQL one {@code
   * UPDATE ... FROM unnest(...)} per {@link #MAX_SET} rows (one plan, one round trip and one
   * commit, where a batch still runs one statement per row), elsewhere a JDBC batch. Of two records
   * of one payment, only the first is sent: the second could not be recorded after it.
   *
   * @param records the completions
   * @return the operation ids recorded by this call
   * @throws SocleClientException if the database failed
   */
  public Set<String> completeAll(List<FulfilmentRecord> records) {
    Map<String, FulfilmentRecord> first = new LinkedHashMap<>();
    for (FulfilmentRecord r : records) {
      first.putIfAbsent(r.idOp(), r);
    }
    List<FulfilmentRecord> unique = new ArrayList<>(first.values());
    Set<String> recorded = new HashSet<>();
    try (Connection c = db.connection()) {
      for (int from = 0; from < unique.size(); from += MAX_SET) {
        List<FulfilmentRecord> part = unique.subList(from, Math.min(unique.size(), from + MAX_SET));
        if (dialect == Dialect.POSTGRESQL) {
          writeSet(c, part, recorded);
        } else {
          writeBatch(c, part, recorded);
        }
      }
    } catch (SQLException e) {
      throw Statements.failure("fulfilment completion", e);
    }
    return recorded;
  }

  private static void writeSet(Connection c, List<FulfilmentRecord> part, Set<String> recorded)
      throws SQLException {
    String[] ids = new String[part.size()];
    OffsetDateTime[] ats = new OffsetDateTime[part.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = part.get(i).idOp();
      ats[i] = PaymentRows.odt(part.get(i).at());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE socle_payment p SET fulfilled_at = r.at, fulfilment_claim = NULL,"
                + " fulfilment_claimed_until = NULL"
                + " FROM unnest(?::varchar[], ?::timestamptz[]) AS r(id_op, at)"
                + " WHERE p.id_op = r.id_op AND p.fulfilled_at IS NULL"
                + Dialect.POSTGRESQL.asynchronousCommit()
                + " RETURNING p.id_op")) {
      ps.setArray(1, c.createArrayOf("varchar", ids));
      ps.setArray(2, c.createArrayOf("timestamptz", ats));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          recorded.add(rs.getString(1));
        }
      }
    }
  }

  private void writeBatch(Connection c, List<FulfilmentRecord> part, Set<String> recorded)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (FulfilmentRecord r : part) {
        ps.setObject(1, PaymentRows.odt(r.at()));
        ps.setString(2, r.idOp());
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      for (int i = 0; i < part.size(); i++) {
        if (written(counts, i)) {
          recorded.add(part.get(i).idOp());
        }
      }
    }
  }

  /** Writes up to {@link #MAX_BATCH} queued requests; called with the lock held. */
  private void writeQueued() {
    List<Request> batch = new ArrayList<>();
    Request r;
    while (batch.size() < MAX_BATCH && (r = queue.poll()) != null) {
      batch.add(r);
    }
    if (batch.isEmpty()) {
      return;
    }
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      if (batch.size() == 1) {
        ps.setObject(1, batch.get(0).at);
        ps.setString(2, batch.get(0).idOp);
        batch.get(0).recorded = ps.executeUpdate() == 1;
      } else {
        for (Request q : batch) {
          ps.setObject(1, q.at);
          ps.setString(2, q.idOp);
          ps.addBatch();
        }
        int[] counts = ps.executeBatch();
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).recorded = written(counts, i);
        }
      }
    } catch (SQLException | RuntimeException e) {
      // Every call of the batch fails, the writer's included: none of their rows is known to be
      // written. Each caller throws its own SocleClientException (see complete).
      fail(batch, e);
    } catch (Error e) {
      fail(batch, e);
      throw e;
    } finally {
      for (Request q : batch) {
        q.done = true;
      }
    }
  }

  /** Whether row {@code i} of a batch was updated. */
  private static boolean written(int[] counts, int i) {
    // A driver that does not count rows in a batch is taken at its word that it ran.
    return i < counts.length && (counts[i] == 1 || counts[i] == Statement.SUCCESS_NO_INFO);
  }

  private static void fail(List<Request> batch, Throwable e) {
    for (Request q : batch) {
      q.recorded = false;
      q.failure = e;
    }
  }

  /** One caller's completion; its mutable fields are only read and written under the lock. */
  private static final class Request {
    final String idOp;
    final OffsetDateTime at;
    boolean done;
    boolean recorded;
    Throwable failure;

    Request(String idOp, OffsetDateTime at) {
      this.idOp = idOp;
      this.at = at;
    }
  }
}
