package fr.socle.payment.payfip;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static fr.socle.payment.SoapFixtures.clientDetail;
import static fr.socle.payment.SoapFixtures.created;
import static fr.socle.payment.SoapFixtures.detail;
import static fr.socle.payment.SoapFixtures.envelope;
import static fr.socle.payment.SoapFixtures.fault;
import static fr.socle.payment.SoapFixtures.functional;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import fr.socle.core.SocleClientException;
import fr.socle.core.SocleTimeoutException;
import fr.socle.payment.PaymentMeans;
import fr.socle.payment.Saisie;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayfipClientTest {
  static final String PATH = "/tpa/services/securite";
  static final String ID = "6475fa10-b338-11e2-a082-001fe256bdfe";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  PayfipClient client;

  @BeforeEach
  void setUp() {
    client =
        PayfipClient.builder()
            .baseUri(URI.create(wm.baseUrl()))
            .httpTransport(http -> http.responseTimeout(Duration.ofSeconds(10)))
            .build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  static PayfipPaymentRequest request() {
    return new PayfipPaymentRequest(
        "090909",
        2026,
        "FACT2026000123",
        "Cantine de décembre",
        4250,
        "payer@example.fr",
        URI.create("https://mairie.example/payfip/notification"),
        URI.create("https://mairie.example/payfip/retour"),
        Saisie.TEST);
  }

  static void answer(int status, String body) {
    wm.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "text/xml; charset=utf-8")
                    .withBody(body)));
  }

  @Test
  void createPayment_whenPayfipAnswers_sendsTheSpecEnvelopeAndReturnsTheIdOp() {
    answer(200, created(ID));

    assertThat(client.createPayment(request())).isEqualTo(ID);

    wm.verify(
        exactly(1),
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("SOAPAction", equalTo("\"\""))
            .withHeader("Content-Type", containing("text/xml"))
            .withRequestBody(containing("<pai:creerPaiementSecurise><arg0><exer>2026</exer>"))
            .withRequestBody(containing("<montant>4250</montant><numcli>090909</numcli>"))
            .withRequestBody(containing("<objet>Cantine de decembre</objet>"))
            .withRequestBody(containing("<refdet>FACT2026000123</refdet><saisie>T</saisie>"))
            .withRequestBody(
                containing("<urlnotif>https://mairie.example/payfip/notification</urlnotif>")));
  }

  @Test
  void createPayment_whenTheServiceIsUnavailable_isNeverRetried() {
    answer(503, "<html>Service Unavailable</html>");

    assertThatThrownBy(() -> client.createPayment(request()))
        .isInstanceOf(PayfipInvalidResponseException.class)
        .hasMessageContaining("503");
    wm.verify(exactly(1), postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void createPayment_whenTheConnectionIsReset_failsAndIsNotRetried() {
    wm.stubFor(
        post(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> client.createPayment(request()))
        .isInstanceOf(SocleClientException.class);
    wm.verify(exactly(1), postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void createPayment_whenPayfipIsSlow_timesOutOnce() {
    wm.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(aResponse().withStatus(200).withBody(created(ID)).withFixedDelay(3000)));

    try (PayfipClient slow =
        PayfipClient.builder()
            .baseUri(URI.create(wm.baseUrl()))
            .httpTransport(http -> http.responseTimeout(Duration.ofMillis(300)))
            .build()) {
      assertThatThrownBy(() -> slow.createPayment(request()))
          .isInstanceOf(SocleTimeoutException.class);
    }
    wm.verify(exactly(1), postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void createPayment_whenTheIdOpIsMissingOrHostile_failsClosed() {
    answer(200, created("<![CDATA[../../x?a=b]]>"));

    assertThatThrownBy(() -> client.createPayment(request()))
        .isInstanceOf(PayfipInvalidResponseException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "R3, Le format du paramètre REFDET n'est pas conforme",
    "A2, Adresse mel incorrecte",
    "T1, Numéro client invalide",
  })
  void createPayment_whenPayfipRefusesTheRequest_throwsTheFunctionalCode(
      String code, String label) {
    answer(500, functional(code, label));

    assertThatThrownBy(() -> client.createPayment(request()))
        .isInstanceOfSatisfying(
            PayfipFunctionalException.class,
            e -> {
              assertThat(e.errorCode()).contains(code);
              assertThat(e.errorCode()).contains(code);
              assertThat(e.label()).contains(label);
              assertThat(e.faultType()).isEqualTo(FaultType.FUNCTIONAL);
              assertThat(e.statusCode()).isEqualTo(500);
              assertThat(e.operation()).isEqualTo("creerPaiementSecurise");
              assertThat(e.isUnknownOperation()).isFalse();
              assertThat(e.getMessage()).doesNotContain("payer@example.fr");
            });
  }

  @ParameterizedTest
  @CsvSource({
    "TechDysfonctionnementErreur, TECHNICAL_MALFUNCTION",
    "TechIndisponibiliteErreur, TECHNICAL_UNAVAILABLE",
    "TechProtocolaireErreur, TECHNICAL_PROTOCOL",
  })
  void paymentDetail_whenPayfipHasATechnicalFault_throwsItsFamily(String type, FaultType family) {
    answer(500, fault(type, "999", "Erreur technique"));

    assertThatThrownBy(() -> client.paymentDetail(ID))
        .isInstanceOfSatisfying(
            PayfipTechnicalException.class,
            e -> {
              assertThat(e.faultType()).isEqualTo(family);
              assertThat(e.faultType().isTechnical()).isTrue();
              assertThat(e.errorCode()).contains("999");
            });
  }

  @Test
  void paymentDetail_whenTheFaultIsOfNoKnownFamily_throwsAnUnrecognisedFault() {
    answer(
        500,
        envelope(
            "<S:Fault><faultcode>S:Server</faultcode><faultstring>java.lang.NullPointerException"
                + "</faultstring></S:Fault>"));

    assertThatThrownBy(() -> client.paymentDetail(ID))
        .isExactlyInstanceOf(PayfipFaultException.class)
        .extracting(e -> ((PayfipFaultException) e).faultType())
        .isEqualTo(FaultType.UNRECOGNISED);
  }

  @Test
  void paymentDetail_whenTheResultIsNotKnownYet_saysP5() {
    answer(500, functional("P5", "Résultat de la transaction non connu."));

    assertThatThrownBy(() -> client.paymentDetail(ID))
        .isInstanceOfSatisfying(
            PayfipFunctionalException.class,
            e -> {
              assertThat(e.isResultNotYetKnown()).isTrue();
              assertThat(e.isUnknownOperation()).isFalse();
            });
  }

  @Test
  void paymentDetail_whenTheIdOpIsPurged_saysP1() {
    answer(500, functional("P1", "IdOp incorrect."));

    assertThatThrownBy(() -> client.paymentDetail(ID))
        .isInstanceOfSatisfying(
            PayfipFunctionalException.class, e -> assertThat(e.isUnknownOperation()).isTrue());
  }

  @Test
  void paymentDetail_sendsIdOpWithACapitalO() {
    answer(200, detail(ID, "P", 4250, "FACT2026000123", "090909", "T"));

    client.paymentDetail(ID);

    wm.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withRequestBody(
                containing(
                    "<pai:recupererDetailPaiementSecurise><arg0><idOp>" + ID + "</idOp></arg0>"))
            .withRequestBody(notContaining("<idop>")));
  }

  @Test
  void paymentDetail_whenPaidByCard_returnsTheTypedResultInParisTime() {
    answer(200, detail(ID, "P", 4250, "FACT2026000123", "090909", "T"));

    PayfipPaymentDetail d = client.paymentDetail(ID);

    assertThat(d.isPaid()).isTrue();
    assertThat(d.status()).isEqualTo(TransactionStatus.PAID);
    assertThat(d.means()).isEqualTo(PaymentMeans.CARD);
    // 19 Nov 2015 17:35 in Paris (UTC+1 in winter)
    assertThat(d.transactionTime()).contains(Instant.parse("2015-11-19T16:35:00Z"));
    assertThat(d.authorisationNumber()).contains("112233445566-tip");
    assertThat(d.echoedAmountCents()).hasValue(4250);
    assertThat(d.echoedRefdet()).contains("FACT2026000123");
    assertThat(d.echoedNumcli()).contains("090909");
    assertThat(d.echoedSaisie()).contains(Saisie.TEST);
    assertThat(d.idOp()).isEqualTo(ID);
  }

  @ParameterizedTest
  @CsvSource({
    "P, PAID, CARD",
    "V, PAID, DIRECT_DEBIT",
    "R, REFUSED, CARD",
    "Z, REFUSED, DIRECT_DEBIT",
    "A, ABANDONED, UNKNOWN",
    "p, UNKNOWN, UNKNOWN",
    "C, UNKNOWN, UNKNOWN",
    "PV, UNKNOWN, UNKNOWN",
  })
  void paymentDetail_mapsResultrans(String letter, TransactionStatus status, PaymentMeans means) {
    answer(200, detail(ID, letter, 4250, "FACT2026000123", "090909", "T"));

    PayfipPaymentDetail d = client.paymentDetail(ID);

    assertThat(d.status()).isEqualTo(status);
    assertThat(d.means()).isEqualTo(means);
    assertThat(d.isPaid()).isEqualTo(status == TransactionStatus.PAID);
    assertThat(d.resultrans()).isEqualTo(letter);
  }

  @Test
  void paymentDetail_whenSummerTime_convertsWithTheSummerOffset() {
    answer(
        200,
        detail(ID, "P", 4250, "FACT2026000123", "090909", "T")
            .replace("19112015", "01072026")
            .replace("1735", "0905"));

    assertThat(client.paymentDetail(ID).transactionTime())
        .contains(Instant.parse("2026-07-01T07:05:00Z"));
  }

  @Test
  void paymentDetail_whenTheDateIsGarbage_hasNoTransactionTime() {
    answer(
        200,
        detail(ID, "P", 4250, "FACT2026000123", "090909", "T").replace("19112015", "31022026"));

    assertThat(client.paymentDetail(ID).transactionTime()).isEmpty();
  }

  @Test
  void paymentDetail_whenTheAnswerIsAboutAnotherOperation_reportsTheEchoForComparison() {
    // Payments compares the echo with the ledger and sends a disagreement to review.
    answer(
        200, detail("00000000-0000-0000-0000-000000000000", "P", 4250, "F123456", "090909", "T"));

    PayfipPaymentDetail d = client.paymentDetail(ID);

    assertThat(d.idOp()).isEqualTo(ID.toLowerCase(java.util.Locale.ROOT));
    assertThat(d.echoedIdOp()).contains("00000000-0000-0000-0000-000000000000");
  }

  @Test
  void paymentDetail_whenPayfipDripsItsAnswer_failsAtTheDeadline() {
    // 40 chunks over 8 s: never 15 s of silence, so only the deadline can end the call.
    wm.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(detail(ID, "P", 4250, "F123456", "090909", "T"))
                    .withChunkedDribbleDelay(40, 8_000)));
    try (PayfipClient dripped =
        PayfipClient.builder()
            .baseUri(URI.create(wm.baseUrl()))
            .httpTransport(http -> http.deadline(Duration.ofMillis(800)))
            .build()) {
      assertThatThrownBy(() -> dripped.paymentDetail(ID))
          .isInstanceOf(SocleTimeoutException.class)
          .hasMessageContaining("deadline");
    }
  }

  @Test
  void fault_whenTheLabelHoldsLineSeparatorsOrBidiControls_keepsThemOutOfTheMessage() {
    answer(
        500,
        functional("R3", "Le format\u2028FAKE: paiement accepte\u202Eexe.tnemiap\u2066x\u0085y"));

    assertThatThrownBy(() -> client.paymentDetail(ID))
        .isInstanceOf(PayfipFunctionalException.class)
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain("\u2028", "\u202E", "\u2066", "\u0085")
                    .contains("Le format FAKE"));
  }

  @Test
  void paymentDetail_whenResultransIsMissing_failsClosed() {
    answer(
        200,
        detail(ID, "P", 4250, "FACT2026000123", "090909", "T")
            .replace("<resultrans>P</resultrans>", ""));

    assertThatThrownBy(() -> client.paymentDetail(ID))
        .isInstanceOf(PayfipInvalidResponseException.class);
  }

  @Test
  void paymentDetail_whenAFieldIsRepeated_failsClosed() {
    answer(
        200,
        detail(ID, "R", 4250, "FACT2026000123", "090909", "T")
            .replace(
                "<resultrans>R</resultrans>",
                "<resultrans>R</resultrans><resultrans>P</resultrans>"));

    assertThatThrownBy(() -> client.paymentDetail(ID))
        .isInstanceOf(PayfipInvalidResponseException.class)
        .hasMessageContaining("repeated");
  }

  @Test
  void paymentDetail_whenAnsweredA502WithoutEnvelope_throwsAnInvalidResponseWithTheStatus() {
    wm.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse().withStatus(502).withBody("<html><body>Bad Gateway</body></html>")));

    assertThatThrownBy(() -> client.paymentDetail(ID))
        .isInstanceOfSatisfying(
            PayfipInvalidResponseException.class, e -> assertThat(e.statusCode()).isEqualTo(502));
  }

  @Test
  void paymentDetail_whenTheFirstAttemptIsUnavailable_isRetriedBecauseItIsIdempotent() {
    wm.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("up"));
    wm.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("flaky")
            .whenScenarioStateIs("up")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(detail(ID, "V", 100, "ABCDEF", "090909", "T"))));

    assertThat(client.paymentDetail(ID).isPaid()).isTrue();
    wm.verify(exactly(2), postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void paymentDetail_whenPayfipIsSlow_timesOut() {
    wm.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(detail(ID, "P", 4250, "FACT2026000123", "090909", "T"))
                    .withFixedDelay(3000)));
    PayfipClient noRetry =
        PayfipClient.builder()
            .baseUri(URI.create(wm.baseUrl()))
            .httpTransport(http -> http.responseTimeout(Duration.ofMillis(300)).maxRetries(0))
            .build();

    assertThatThrownBy(() -> noRetry.paymentDetail(ID)).isInstanceOf(SocleTimeoutException.class);
    noRetry.close();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "hello world",
        "<html><body>OK</body></html>",
        "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body>",
        "<S:Envelope xmlns:S=\"http://www.w3.org/2003/05/soap-envelope\"><S:Body/></S:Envelope>",
        "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body></S:Body></S:Envelope>",
        "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body><x/><y/></S:Body></S:Envelope>",
        "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body><creerPaiementSecuriseResponse/></S:Body></S:Envelope>",
      })
  void paymentDetail_whenTheAnswerIsGarbage_throwsAnInvalidResponse(String body) {
    answer(200, body);

    assertThatThrownBy(() -> client.paymentDetail(ID))
        .isInstanceOf(PayfipInvalidResponseException.class);
  }

  @Test
  void paymentDetail_whenTheAnswerIsEmpty_throwsAnInvalidResponse() {
    answer(200, "");

    assertThatThrownBy(() -> client.paymentDetail(ID))
        .isInstanceOf(PayfipInvalidResponseException.class);
  }

  @Test
  void paymentDetail_whenTheAnswerDeclaresAnExternalEntity_refusesItWithoutResolvingIt() {
    answer(
        200,
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
            + detail(ID, "P", 4250, "FACT2026000123", "090909", "T")
                .replace("<?xml version='1.0' encoding='UTF-8'?>", "")
                .replace("<numauto>112233445566-tip</numauto>", "<numauto>&xxe;</numauto>"));

    assertThatThrownBy(() -> client.paymentDetail(ID))
        .isInstanceOf(PayfipInvalidResponseException.class)
        .hasMessageContaining("document type declarations are refused")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("root:"));
  }

  @Test
  void paymentDetail_whenTheAnswerIsABillionLaughs_refusesItAtOnce() {
    StringBuilder dtd =
        new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"");
      for (int j = 0; j < 10; j++) {
        dtd.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
      }
      dtd.append("\">");
    }
    dtd.append("]>");
    answer(
        200,
        dtd
            + detail(ID, "P", 4250, "FACT2026000123", "090909", "T")
                .replace("<?xml version='1.0' encoding='UTF-8'?>", "")
                .replace("<numauto>112233445566-tip</numauto>", "<numauto>&lol9;</numauto>"));

    assertThatThrownBy(() -> client.paymentDetail(ID))
        .isInstanceOf(PayfipInvalidResponseException.class);
  }

  @Test
  void paymentDetail_whenTheAnswerIsDeeplyNested_refusesIt() {
    answer(200, envelope("<a>".repeat(5000) + "</a>".repeat(5000)));

    assertThatThrownBy(() -> client.paymentDetail(ID))
        .isInstanceOf(PayfipInvalidResponseException.class);
  }

  @Test
  void paymentDetail_whenAFieldIsHuge_refusesIt() {
    answer(
        200,
        detail(ID, "P", 4250, "FACT2026000123", "090909", "T")
            .replace("112233445566-tip", "x".repeat(100_000)));

    assertThatThrownBy(() -> client.paymentDetail(ID))
        .isInstanceOf(PayfipInvalidResponseException.class);
  }

  @Test
  void paymentDetail_whenTheIdOpIsMalformed_failsBeforeAnyCall() {
    assertThatThrownBy(() -> client.paymentDetail("</idOp><x>"))
        .isInstanceOf(SocleClientException.class);
    assertThatThrownBy(() -> client.paymentDetail(null)).isInstanceOf(SocleClientException.class);
    wm.verify(exactly(0), postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void clientDetail_whenTheNumcliIsKnown_returnsItsLabels() {
    answer(200, clientDetail("090909"));

    PayfipClientDetail d = client.clientDetail("090909");

    assertThat(d.numcli()).isEqualTo("090909");
    assertThat(d.libelleN1()).isEqualTo("COMMUNE DE DEMO");
    assertThat(d.libelleN2()).isEqualTo("CANTINE");
    assertThat(d.libelleN3()).isEmpty();
    wm.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withRequestBody(
                containing("<pai:recupererDetailClient><arg0><numCli>090909</numCli>")));
  }

  @Test
  void clientDetail_whenTheNumcliIsUnknown_throwsTheFault() {
    answer(500, functional("T2", "Client inconnu"));

    assertThatThrownBy(() -> client.clientDetail("123456"))
        .isInstanceOf(PayfipFunctionalException.class);
  }

  @Test
  void clientDetail_whenTheNumcliIsNotSixDigits_failsBeforeAnyCall() {
    assertThatThrownBy(() -> client.clientDetail("12345")).isInstanceOf(SocleClientException.class);
    wm.verify(exactly(0), postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void paymentPageUrl_pointsAtThePaymentPageWithTheIdop() {
    assertThat(client.paymentPageUrl(ID))
        .isEqualTo(URI.create(wm.baseUrl() + "/tpa/paiementws.web?idop=" + ID));
    assertThat(PayfipClient.builder().build().paymentPageUrl(ID))
        .isEqualTo(URI.create("https://www.payfip.gouv.fr/tpa/paiementws.web?idop=" + ID));
  }

  @Test
  void builder_defaultsToTheProductionEndpoint() {
    try (PayfipClient c = PayfipClient.builder().build()) {
      assertThat(c.endpoint())
          .isEqualTo(URI.create("https://www.payfip.gouv.fr/tpa/services/securite"));
    }
  }
}
