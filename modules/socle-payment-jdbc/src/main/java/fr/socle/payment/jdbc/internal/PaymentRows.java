package fr.socle.payment.jdbc.internal;

import fr.socle.payment.Payment;
import fr.socle.payment.PaymentMeans;
import fr.socle.payment.PaymentState;
import fr.socle.payment.Saisie;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Mapping between {@link Payment} and a row of {@code socle_payment}. */
public final class PaymentRows {

  /** The columns of a payment, in the order {@link #read(ResultSet)} and {@link #bind} use. */
  public static final String COLUMNS =
      "id_op, numcli, refdet, exer, amount_cents, label, payer_email, saisie, state, created_at,"
          + " updated_at, transaction_at, numauto, means, result_code, review_reason";

  private PaymentRows() {}

  /**
   * Binds a payment's columns, in the order of {@link #COLUMNS}, to parameters 1 to 16.
   *
   * @param ps the statement
   * @param p the payment
   * @throws SQLException from the driver
   */
  public static void bind(PreparedStatement ps, Payment p) throws SQLException {
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
  }

  /**
   * Reads the payment of the current row of a result selecting {@link #COLUMNS} first, by column
   * position.
   *
   * @param rs the result, on a row
   * @return the payment
   * @throws SQLException from the driver
   */
  public static Payment read(ResultSet rs) throws SQLException {
    OffsetDateTime tx = rs.getObject(12, OffsetDateTime.class);
    return new Payment(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getInt(4),
        rs.getLong(5),
        rs.getString(6),
        rs.getString(7),
        Saisie.fromCode(rs.getString(8)),
        PaymentState.valueOf(rs.getString(9)),
        rs.getObject(10, OffsetDateTime.class).toInstant(),
        rs.getObject(11, OffsetDateTime.class).toInstant(),
        tx == null ? Optional.empty() : Optional.of(tx.toInstant()),
        Optional.ofNullable(rs.getString(13)),
        PaymentMeans.valueOf(rs.getString(14)),
        Optional.ofNullable(rs.getString(15)),
        Optional.ofNullable(rs.getString(16)));
  }

  /**
   * An instant as the driver's type for {@code TIMESTAMP WITH TIME ZONE}.
   *
   * @param instant the instant
   * @return the same instant at UTC
   */
  public static OffsetDateTime odt(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /**
   * Binds an optional instant, or SQL NULL.
   *
   * @param ps the statement
   * @param i the parameter index
   * @param value the value
   * @throws SQLException from the driver
   */
  public static void setTime(PreparedStatement ps, int i, Optional<Instant> value)
      throws SQLException {
    if (value.isPresent()) {
      ps.setObject(i, odt(value.get()));
    } else {
      ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    }
  }

  /**
   * Binds an optional string, or SQL NULL.
   *
   * @param ps the statement
   * @param i the parameter index
   * @param value the value
   * @throws SQLException from the driver
   */
  public static void setString(PreparedStatement ps, int i, Optional<String> value)
      throws SQLException {
    if (value.isPresent()) {
      ps.setString(i, value.get());
    } else {
      ps.setNull(i, Types.VARCHAR);
    }
  }
}
