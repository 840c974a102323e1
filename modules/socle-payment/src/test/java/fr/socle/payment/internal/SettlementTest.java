package fr.socle.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.payment.Payment;
import fr.socle.payment.PaymentMeans;
import fr.socle.payment.PaymentState;
import fr.socle.payment.Saisie;
import fr.socle.payment.internal.Settlement.Decision;
import fr.socle.payment.internal.Settlement.Kind;
import fr.socle.payment.payfip.PayfipFunctionalException;
import fr.socle.payment.payfip.PayfipPaymentDetail;
import fr.socle.payment.payfip.TransactionStatus;
import fr.socle.payment.spi.StateTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The settlement decision alone: no ledger, no PayFiP, no clock. */
class SettlementTest {
  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
  private static final String ID = "0a1b2c3d4e5f6a7b8c9d";
  private static final RecheckPolicy RECHECK =
      new RecheckPolicy(Duration.ofMinutes(5), Duration.ofDays(7));

  private static Payment pending() {
    return Payment.pending(
        ID, "090909", "FACT000001", 2026, 4250, "Cantine", "payer@example.fr", Saisie.TEST, T0);
  }

  private static Payment expired() {
    return new StateTransition(
            ID,
            EnumSet.of(PaymentState.PENDING),
            PaymentState.EXPIRED,
            T0.plusSeconds(1200),
            Optional.empty(),
            Optional.empty(),
            PaymentMeans.UNKNOWN,
            Optional.of("P5"),
            Optional.empty())
        .applyTo(pending());
  }

  private static PayfipPaymentDetail detail(TransactionStatus status, String resultrans) {
    return detail(status, resultrans, 4250, Saisie.TEST);
  }

  private static PayfipPaymentDetail detail(
      TransactionStatus status, String resultrans, long amount, Saisie saisie) {
    return new PayfipPaymentDetail(
        ID,
        resultrans,
        status,
        PaymentMeans.fromResultrans(resultrans),
        Optional.of(T0.plusSeconds(60)),
        Optional.of("A55A"),
        OptionalLong.of(amount),
        Optional.of("FACT000001"),
        Optional.of("090909"),
        Optional.of(saisie),
        Optional.of(ID.toUpperCase()));
  }

  @Test
  void onDetail_paidAndMatching_movesToPaidWithTheFacts() {
    Decision d =
        Settlement.onDetail(pending(), detail(TransactionStatus.PAID, "P"), T0, false, RECHECK);

    assertThat(d.kind()).isEqualTo(Kind.MOVE);
    assertThat(d.to()).isEqualTo(PaymentState.PAID);
    assertThat(d.from()).isEqualTo(Settlement.OPEN);
    assertThat(d.means()).isEqualTo(PaymentMeans.CARD);
    assertThat(d.authorisationNumber()).contains("A55A");
    assertThat(d.resultCode()).contains("P");
    assertThat(d.reviewReason()).isEmpty();
  }

  @Test
  void onDetail_tamperedAmountOrMode_goesToReviewNeverPaid() {
    Decision amount =
        Settlement.onDetail(
            pending(), detail(TransactionStatus.PAID, "P", 1, Saisie.TEST), T0, false, RECHECK);
    Decision mode =
        Settlement.onDetail(
            pending(),
            detail(TransactionStatus.PAID, "P", 4250, Saisie.PRODUCTION),
            T0,
            false,
            RECHECK);

    assertThat(amount.to()).isEqualTo(PaymentState.REVIEW);
    assertThat(amount.reviewReason()).contains("amount differs from the ledger");
    assertThat(mode.to()).isEqualTo(PaymentState.REVIEW);
    assertThat(mode.reviewReason()).contains("saisie differs from the ledger");
  }

  @Test
  void onDetail_unknownResult_goesToReview() {
    Decision d =
        Settlement.onDetail(pending(), detail(TransactionStatus.UNKNOWN, "?"), T0, false, RECHECK);

    assertThat(d.to()).isEqualTo(PaymentState.REVIEW);
    assertThat(d.reviewReason()).contains("unknown resultrans");
  }

  @Test
  void onDetail_abandonedWhileYoung_keeps_andPastTimeout_abandonsWithARecheck() {
    PayfipPaymentDetail abandoned = detail(TransactionStatus.ABANDONED, "A");

    assertThat(Settlement.onDetail(pending(), abandoned, T0, false, RECHECK))
        .isEqualTo(Decision.KEEP);
    Instant late = T0.plus(Duration.ofMinutes(30));
    Decision d = Settlement.onDetail(pending(), abandoned, late, true, RECHECK);
    assertThat(d.to()).isEqualTo(PaymentState.ABANDONED);
    assertThat(d.recheckAt()).contains(late.plus(Duration.ofMinutes(15)));
  }

  @Test
  void onDetail_expiredPaymentReportedPaid_isPaidLate() {
    Decision d =
        Settlement.onDetail(
            expired(), detail(TransactionStatus.PAID, "P"), T0.plusSeconds(3600), true, RECHECK);

    assertThat(d.to()).isEqualTo(PaymentState.PAID);
    assertThat(d.from()).contains(PaymentState.EXPIRED);
  }

  @Test
  void onFault_p5_keepsWhileYoung_expiresPastTimeout() {
    PayfipFunctionalException p5 = new PayfipFunctionalException("op", 500, "P5", "pas encore");

    assertThat(Settlement.onFault(pending(), p5, T0, false, RECHECK)).contains(Decision.KEEP);
    Decision d = Settlement.onFault(pending(), p5, T0, true, RECHECK).orElseThrow();
    assertThat(d.to()).isEqualTo(PaymentState.EXPIRED);
    assertThat(d.resultCode()).contains("P5");
  }

  @Test
  void onFault_p1_expiresAPendingPayment_andForgetsAnExpiredOne() {
    PayfipFunctionalException p1 = new PayfipFunctionalException("op", 500, "P1", "inconnu");

    Decision young = Settlement.onFault(pending(), p1, T0, false, RECHECK).orElseThrow();
    assertThat(young.to()).isEqualTo(PaymentState.EXPIRED);
    assertThat(young.recheckAt()).isPresent();
    Decision old = Settlement.onFault(pending(), p1, T0, true, RECHECK).orElseThrow();
    assertThat(old.recheckAt()).isEmpty();
    assertThat(Settlement.onFault(expired(), p1, T0, true, RECHECK)).contains(Decision.FORGET);
  }

  @Test
  void onFault_otherFunctionalFault_isNotASettlement() {
    PayfipFunctionalException r3 = new PayfipFunctionalException("op", 500, "R3", "refdet");

    assertThat(Settlement.onFault(pending(), r3, T0, true, RECHECK)).isEmpty();
  }

  @Test
  void toReview_keepsTheFactsAndSetsTheReason() {
    Decision paid =
        Settlement.onDetail(pending(), detail(TransactionStatus.PAID, "P"), T0, false, RECHECK);

    Decision review = paid.toReview(Payment.DOUBLE_PAYMENT_REASON);
    assertThat(review.to()).isEqualTo(PaymentState.REVIEW);
    assertThat(review.authorisationNumber()).isEqualTo(paid.authorisationNumber());
    assertThat(review.reviewReason()).contains(Payment.DOUBLE_PAYMENT_REASON);
  }

  @Test
  void recheckPolicy_halfTheAge_boundedByAMinuteSixHoursAndTheWindow() {
    Payment p = pending();

    assertThat(RECHECK.next(p, T0.plusSeconds(60))).contains(T0.plusSeconds(60 + 300));
    assertThat(RECHECK.next(p, T0.plus(Duration.ofDays(1))))
        .contains(T0.plus(Duration.ofDays(1)).plus(Duration.ofHours(6)));
    assertThat(RECHECK.next(p, T0.plus(Duration.ofDays(7)))).isEmpty();
  }
}
