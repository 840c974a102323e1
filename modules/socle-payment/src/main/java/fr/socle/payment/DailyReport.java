package fr.socle.payment;

import fr.socle.core.InvalidInputException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The payments of one régie created on one day (Europe/Paris), counted and totalled by state: the
 * régisseur's daily check against PayFiP's back-office export.
 *
 * @param numcli the régie's client number
 * @param day the day, in Europe/Paris
 * @param byState one entry per state, zero totals included
 * @param doublePayments the attempts of that day paid for a debt another attempt had already paid
 *     (counted in {@link PaymentState#REVIEW} as well): amounts the régie must refund
 */
public record DailyReport(
    String numcli,
    LocalDate day,
    Map<PaymentState, StateTotal> byState,
    StateTotal doublePayments) {

  /**
   * A report without double payments.
   *
   * @param numcli the régie's client number
   * @param day the day, in Europe/Paris
   * @param byState one entry per state
   */
  public DailyReport(String numcli, LocalDate day, Map<PaymentState, StateTotal> byState) {
    this(numcli, day, byState, new StateTotal(PaymentState.REVIEW, 0, 0));
  }

  /**
   * Fills missing states with zero totals and freezes the map.
   *
   * @param numcli the régie's client number
   * @param day the day, in Europe/Paris
   * @param byState one entry per state, zero totals included
   * @param doublePayments the attempts of that day paid for a debt another attempt had already paid
   *     (counted in {@link PaymentState#REVIEW} as well): amounts the régie must refund
   */
  public DailyReport {
    Objects.requireNonNull(numcli, "numcli");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(doublePayments, "doublePayments");
    if (doublePayments.state() != PaymentState.REVIEW) {
      throw new InvalidInputException("double payments are in review");
    }
    EnumMap<PaymentState, StateTotal> all = new EnumMap<>(PaymentState.class);
    for (PaymentState s : PaymentState.values()) {
      all.put(s, new StateTotal(s, 0, 0));
    }
    all.putAll(Objects.requireNonNull(byState, "byState"));
    byState = Map.copyOf(all);
  }

  /**
   * Returns the totals of one state.
   *
   * @param state the state
   * @return its totals, zero if none
   */
  public StateTotal of(PaymentState state) {
    return byState.get(state);
  }

  /**
   * Returns the amount collected: the total of {@link PaymentState#PAID}.
   *
   * @return euro cents
   */
  public long paidCents() {
    return of(PaymentState.PAID).totalCents();
  }
}
