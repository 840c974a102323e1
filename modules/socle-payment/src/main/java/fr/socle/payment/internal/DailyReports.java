package fr.socle.payment.internal;

import fr.socle.payment.DailyReport;
import fr.socle.payment.Payment;
import fr.socle.payment.PaymentState;
import fr.socle.payment.StateTotal;
import fr.socle.payment.spi.PaymentLedger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/** Builds the régisseur's daily report from the ledger's totals. Stateless. */
public final class DailyReports {
  private DailyReports() {}

  /**
   * Counts and totals, by state, the payments of a régie created on a day.
   *
   * @param ledger the ledger
   * @param numcli the régie, already checked
   * @param day the day, in Europe/Paris
   * @return the report
   */
  public static DailyReport of(PaymentLedger ledger, String numcli, LocalDate day) {
    Instant from = day.atStartOfDay(ParisTime.PARIS).toInstant();
    Instant to = day.plusDays(1).atStartOfDay(ParisTime.PARIS).toInstant();
    Map<PaymentState, StateTotal> byState = new EnumMap<>(PaymentState.class);
    for (StateTotal t : ledger.totals(numcli, from, to)) {
      byState.put(t.state(), t);
    }
    return new DailyReport(
        numcli, day, byState, ledger.reviewTotal(numcli, Payment.DOUBLE_PAYMENT_REASON, from, to));
  }
}
