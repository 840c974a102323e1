package fr.socle.payment.jdbc.internal;

import fr.socle.core.SocleClientException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

  private final Statements db;
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
          // A driver that does not count rows in a batch is taken at its word that it ran.
          batch.get(i).recorded =
              i < counts.length && (counts[i] == 1 || counts[i] == Statement.SUCCESS_NO_INFO);
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
