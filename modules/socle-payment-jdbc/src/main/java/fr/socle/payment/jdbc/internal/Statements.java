package fr.socle.payment.jdbc.internal;

import fr.socle.core.SocleClientException;
import fr.socle.payment.Payment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Runs the ledger's statements, one connection borrowed from the pool per statement, in autocommit:
 * each statement is its own transaction, which is what makes a conditional update atomic.
 */
public final class Statements {
  private final DataSource dataSource;

  /**
   * Creates the runner.
   *
   * @param dataSource the database, preferably pooled
   */
  public Statements(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Borrows a connection.
   *
   * @return a connection, to close
   * @throws SQLException from the pool or the driver
   */
  public Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  /**
   * Runs an update whose arguments are strings, instants as {@code OffsetDateTime}, or null (only
   * for a timestamp).
   *
   * @param sql the statement
   * @param what what it does, for the error message
   * @param args the arguments
   * @return the update count
   * @throws SocleClientException on database errors
   */
  public int update(String sql, String what, Object... args) {
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

  /**
   * Runs a query selecting {@link PaymentRows#COLUMNS} first.
   *
   * @param sql the query
   * @param args the arguments
   * @return the payments
   * @throws SocleClientException on database errors
   */
  public List<Payment> query(String sql, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      List<Payment> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(PaymentRows.read(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("query", e);
    }
  }

  /**
   * The ledger's error for a database failure: the SQL state only, since driver messages may quote
   * row values (personal data).
   *
   * @param what what failed
   * @param e the driver's exception
   * @return the exception to throw
   */
  public static SocleClientException failure(String what, SQLException e) {
    return new SocleClientException(
        "payment ledger " + what + " failed (SQL state " + e.getSQLState() + ")", e);
  }
}
