package fr.socle.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.core.http.HttpTransport;
import fr.socle.payment.payfip.FaultType;
import fr.socle.payment.payfip.PayfipClient;
import fr.socle.payment.payfip.PayfipFaultException;
import fr.socle.payment.payfip.PayfipPaymentRequest;
import fr.socle.payment.payfip.PayfipTechnicalException;
import fr.socle.payment.spi.InMemoryPaymentLedger;
import fr.socle.payment.spi.StateTransition;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The one error rule of the SDK, applied to the payment block: bad values raise {@link
 * InvalidInputException}, nulls a {@link NullPointerException} naming the parameter, and a missing
 * builder setting {@link InvalidInputException} naming the setting.
 */
class ErrorRuleTest {

  private static PayfipClient client() {
    return PayfipClient.builder()
        .endpoint(URI.create("http://localhost:1/ws"))
        .paymentPage(URI.create("http://localhost:1/page"))
        .build();
  }

  @Test
  void paymentsBuild_withoutRequiredSettings_namesTheMissingSettingAsInvalidInput() {
    assertThatThrownBy(() -> Payments.builder().build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("client is required");
    try (PayfipClient c = client()) {
      assertThatThrownBy(() -> Payments.builder().client(c).build())
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("ledger is required");
      assertThatThrownBy(
              () ->
                  Payments.builder()
                      .client(c)
                      .ledger(new InMemoryPaymentLedger())
                      .numcli("090909")
                      .notificationUrl(URI.create("https://mairie.example/n"))
                      .returnUrl(URI.create("https://mairie.example/r"))
                      .saisie(Saisie.TEST)
                      .build())
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("listener is required");
    }
  }

  @Test
  void paymentsBuilder_badValues_areInvalidInput_andNullsNameTheParameter() {
    assertThatThrownBy(() -> Payments.builder().reconcileBatch(0))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Payments.builder().pendingTimeout(Duration.ZERO))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Payments.builder().reconcileAfter(Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Payments.builder().numcli("12"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Payments.builder().saisie(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("saisie");
    assertThatThrownBy(() -> Payments.builder().numcli(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("numcli");
    assertThatThrownBy(() -> Payments.builder().pendingTimeout(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("timeout");
  }

  @Test
  void payfipClientBuilder_badValues_areInvalidInput() {
    assertThatThrownBy(() -> PayfipClient.builder().endpoint(URI.create("ftp://x/y")))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () -> PayfipClient.builder().httpTransport(http -> http.maxRetries(-1)).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("maxRetries");
    assertThatThrownBy(() -> PayfipClient.builder().httpTransport((HttpTransport) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("shared");
  }

  @Test
  void domainValues_badValues_areInvalidInput() {
    assertThatThrownBy(() -> Saisie.fromCode("Q")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new Debt("FACT000001", 4250, "Cantine", "not-an-address"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageNotContaining("not-an-address");
    assertThatThrownBy(() -> new StateTotal(PaymentState.PAID, -1, 0))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () ->
                new DailyReport(
                    "090909",
                    LocalDate.of(2026, 11, 29),
                    Map.of(),
                    new StateTotal(PaymentState.PAID, 0, 0)))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> PayfipPaymentRequest.requireRefdet("x"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> PayfipPaymentRequest.requireNumcli("ABCDEF"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () -> new PayfipTechnicalException("op", 500, FaultType.FUNCTIONAL, "P5", "x"))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void stateTransition_incoherent_isInvalidInput() {
    assertThatThrownBy(
            () ->
                new StateTransition(
                    "id",
                    EnumSet.of(PaymentState.PAID),
                    PaymentState.PAID,
                    Instant.EPOCH,
                    Optional.empty(),
                    Optional.empty(),
                    PaymentMeans.CARD,
                    Optional.empty(),
                    Optional.empty()))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void inMemoryLedger_nonPositiveLimit_isInvalidInput() {
    InMemoryPaymentLedger ledger = new InMemoryPaymentLedger();
    assertThatThrownBy(() -> ledger.findClaimableFulfilments(Instant.EPOCH, 0))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ledger.findDueForRecheck("090909", Instant.EPOCH, 0))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void payfipFault_exposesTheCodeOnceAsErrorCode() {
    PayfipFaultException e =
        new PayfipFaultException("op", 500, FaultType.UNRECOGNISED, "999", "Erreur");
    assertThat(e.errorCode()).contains("999");
    assertThat(PayfipFaultException.class.getMethods())
        .extracting(java.lang.reflect.Method::getName)
        .doesNotContain("code");
  }
}
