package fr.socle.testkit.payfip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.testkit.TestClock;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PayfipSimulatorPageTest {
  static final String NUMCLI = "123456";
  // 10:00 in Paris; the nightly purge runs at 02:00 Paris time.
  final TestClock clock = TestClock.at(Instant.parse("2026-11-29T09:00:00Z"));
  PayfipSimulator sim;
  RawSoap soap;
  NotificationReceiver merchant;

  @BeforeEach
  void start() throws Exception {
    sim =
        PayfipSimulator.builder()
            .numcli(NUMCLI)
            .clock(clock)
            .nightlyPurgeAt(LocalTime.of(2, 0))
            .start();
    soap = new RawSoap(sim.soapEndpoint());
    merchant = new NotificationReceiver();
  }

  @AfterEach
  void stop() {
    sim.close();
    merchant.close();
  }

  private String create() throws Exception {
    Map<String, String> f = RawSoap.creerFields(NUMCLI, "FACT000042", "2350");
    f.put("urlnotif", merchant.url().toString());
    f.put("urlredirect", "https://portail.example.org/paiement/retour?facture=42");
    return soap.createIdOp(f);
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return soap.http.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> choose(String idOp, String choice) throws Exception {
    String form = "idop=" + URLEncoder.encode(idOp, StandardCharsets.UTF_8) + "&choix=" + choice;
    return soap.http.send(
        HttpRequest.newBuilder(sim.paymentPageUrl())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void paymentPage_whenFresh_showsTheDebtAndOneButtonPerOutcome() throws Exception {
    String idOp = create();

    HttpResponse<String> page = get(sim.paymentPageUrl(idOp));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("data-state=\"open\"", "FACT000042", "23,50", "MODE TEST")
        .contains("name=\"idop\" value=\"" + idOp + "\"");
    for (Outcome o : Outcome.values()) {
      assertThat(page.body()).contains("value=\"" + o.name() + "\"");
    }
    assertThat(sim.paymentPageUrl(idOp).toString()).endsWith("/tpa/paiementws.web?idop=" + idOp);
  }

  @Test
  void formPost_whenCardPaid_notifiesByPostThenRedirectsWithIdop() throws Exception {
    String idOp = create();
    get(sim.paymentPageUrl(idOp));

    HttpResponse<String> r = choose(idOp, "CARD_PAID");

    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location"))
        .hasValue("https://portail.example.org/paiement/retour?facture=42&idop=" + idOp);
    // The notification is made before the browser is redirected.
    assertThat(merchant.received).hasSize(1);
    NotificationReceiver.Received n = merchant.received.get(0);
    assertThat(n.method()).isEqualTo("POST");
    assertThat(n.contentType()).startsWith("application/x-www-form-urlencoded");
    assertThat(n.body()).isEqualTo("idop=" + idOp);
    assertThat(sim.operation(idOp).orElseThrow().result()).hasValue("P");
    assertThat(sim.notifications())
        .singleElement()
        .satisfies(a -> assertThat(a.delivered()).isTrue());
  }

  @Test
  void formPost_whenNoAnswer_recordsNothingNotifiesNobodyAndStaysP5() throws Exception {
    String idOp = create();

    HttpResponse<String> r = choose(idOp, "NO_ANSWER");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("data-state=\"no-answer\"");
    assertThat(merchant.received).isEmpty();
    assertThat(RawSoap.fault(soap.detail(idOp).body()).code()).isEqualTo("P5");
  }

  @Test
  void formPost_whenUnknownChoice_answers400() throws Exception {
    String idOp = create();

    assertThat(choose(idOp, "FREE_MONEY").statusCode()).isEqualTo(400);
    assertThat(sim.operation(idOp).orElseThrow().result()).isEmpty();
  }

  @Test
  void paymentPage_whenIdOpInAnotherCase_doesNotKnowIt() throws Exception {
    String idOp = create();

    HttpResponse<String> page = get(URI.create(sim.paymentPageUrl() + "?IdOp=" + idOp));

    assertThat(page.body()).contains("data-state=\"unknown\"");
  }

  @Test
  void paymentPage_after15Minutes_isExpiredAndCannotBePaid() throws Exception {
    String idOp = create();
    clock.advance(Duration.ofMinutes(15));

    assertThat(get(sim.paymentPageUrl(idOp)).body()).contains("data-state=\"expired\"");
    assertThat(choose(idOp, "CARD_PAID").body()).contains("data-state=\"expired\"");
    assertThatThrownBy(() -> sim.complete(idOp, Outcome.CARD_PAID))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("expired");
    assertThat(merchant.received).isEmpty();
    // Until the nightly purge the service still answers "result unknown".
    assertThat(RawSoap.fault(soap.detail(idOp).body()).code()).isEqualTo("P5");
  }

  @Test
  void paymentPage_openedIn14thMinute_canStillBePaidAfterwards() throws Exception {
    String idOp = create();
    clock.advance(Duration.ofMinutes(14));
    get(sim.paymentPageUrl(idOp));
    clock.advance(Duration.ofMinutes(3));

    assertThat(choose(idOp, "CARD_PAID").statusCode()).isEqualTo(302);
  }

  @Test
  void nightlyPurge_forgetsOperationsWithoutResult_thenAnswersP1() throws Exception {
    String idOp = create();
    clock.set(Instant.parse("2026-11-30T00:59:59Z")); // 01:59:59 Paris

    assertThat(RawSoap.fault(soap.detail(idOp).body()).code()).isEqualTo("P5");

    clock.set(Instant.parse("2026-11-30T01:00:00Z")); // 02:00 Paris: purge

    assertThat(RawSoap.fault(soap.detail(idOp).body()).code()).isEqualTo("P1");
    assertThat(get(sim.paymentPageUrl(idOp)).body()).contains("data-state=\"unknown\"");
    assertThat(sim.operation(idOp)).isEmpty();
  }

  @Test
  void nightlyPurge_keepsResultsReadableForAYear() throws Exception {
    String idOp = create();
    sim.complete(idOp, Outcome.CARD_REFUSED);
    clock.advance(Duration.ofDays(364));

    assertThat(RawSoap.returned(RawSoap.parse(soap.detail(idOp).body())))
        .containsEntry("resultrans", "R");

    clock.advance(Duration.ofDays(2));

    assertThat(RawSoap.fault(soap.detail(idOp).body()).code()).isEqualTo("P1");
  }

  @Test
  void paymentPage_afterPayment_isClosedForGood() throws Exception {
    String idOp = create();
    sim.complete(idOp, Outcome.CARD_PAID);

    assertThat(get(sim.paymentPageUrl(idOp)).body()).contains("data-state=\"closed\"");
    assertThat(choose(idOp, "CARD_REFUSED").body()).contains("data-state=\"closed\"");
    assertThat(sim.operation(idOp).orElseThrow().result()).hasValue("P");
  }

  @Test
  void abandonedOperation_canBeReopenedAndPaidWithinItsLifetime() throws Exception {
    String idOp = create();
    Completion abandoned = sim.complete(idOp, Outcome.ABANDONED);
    clock.advance(Duration.ofMinutes(5));

    assertThat(abandoned.redirect()).isPresent();
    assertThat(RawSoap.returned(RawSoap.parse(soap.detail(idOp).body())))
        .containsEntry("resultrans", "A");
    assertThat(get(sim.paymentPageUrl(idOp)).body()).contains("data-state=\"open\"");

    sim.complete(idOp, Outcome.CARD_PAID);

    assertThat(RawSoap.returned(RawSoap.parse(soap.detail(idOp).body())))
        .containsEntry("resultrans", "P");
    assertThat(merchant.received).hasSize(2);
  }

  @Test
  void abandonedOperation_cannotBeReopenedAfter15Minutes() throws Exception {
    String idOp = create();
    sim.complete(idOp, Outcome.ABANDONED);
    clock.advance(Duration.ofMinutes(16));

    assertThatThrownBy(() -> sim.complete(idOp, Outcome.CARD_PAID))
        .isInstanceOf(InvalidInputException.class);
    assertThat(sim.operation(idOp).orElseThrow().result()).hasValue("A");
  }

  @Test
  void complete_whenUnknownIdOp_isRefused() {
    assertThatThrownBy(
            () -> sim.complete("00000000-0000-1000-8000-000000000000", Outcome.CARD_PAID))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown");
  }

  @Test
  void otherPaths_answer404() throws Exception {
    assertThat(
            get(URI.create(sim.soapEndpoint().resolve("/tpa/paiement.web").toString()))
                .statusCode())
        .isEqualTo(404);
  }
}
