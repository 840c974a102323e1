package fr.socle.testkit.payfip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.testkit.TestClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;

class PayfipSimulatorSoapTest {
  static final String NUMCLI = "123456";
  // 2026-11-29T13:05Z is 14:05 in Paris (winter time).
  final TestClock clock = TestClock.at(Instant.parse("2026-11-29T13:05:30Z"));
  PayfipSimulator sim;
  RawSoap soap;

  @BeforeEach
  void start() {
    sim =
        PayfipSimulator.builder()
            .client(NUMCLI, "MAIRIE DE DEMO", "REGIE CANTINE", "BUDGET PRINCIPAL")
            .clock(clock)
            .start();
    soap = new RawSoap(sim.soapEndpoint());
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void creerPaiementSecurise_whenValid_returnsTimeBasedUuidInJaxWsShapedEnvelope()
      throws Exception {
    HttpResponse<String> r =
        soap.call("creerPaiementSecurise", RawSoap.creerFields(NUMCLI, "FACT2026000123", "1500"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/xml"));
    assertThat(r.body())
        .startsWith("<?xml")
        .contains("<S:Envelope")
        .contains("<ns2:creerPaiementSecuriseResponse");
    Document doc = RawSoap.parse(r.body());
    assertThat(RawSoap.returned(doc)).containsOnlyKeys("idOp");
    UUID idOp = UUID.fromString(RawSoap.text(doc, "idOp"));
    assertThat(idOp.toString()).hasSize(36);
    assertThat(idOp.version()).isEqualTo(1);
    assertThat(sim.operation(idOp.toString()))
        .hasValueSatisfying(
            op -> {
              assertThat(op.refdet()).isEqualTo("FACT2026000123");
              assertThat(op.montant()).isEqualTo(1500);
              assertThat(op.result()).isEmpty();
            });
  }

  @Test
  void creerPaiementSecurise_whenCalledTwiceAtTheSameInstant_returnsDistinctIdOps()
      throws Exception {
    String first = soap.createIdOp(NUMCLI, "FACT000001", 1500);
    String second = soap.createIdOp(NUMCLI, "FACT000001", 1500);

    assertThat(first).isNotEqualTo(second);
  }

  @DisplayName("creerPaiementSecurise refuses each invalid field with the real service's fault")
  @ParameterizedTest(name = "{0}={1} -> {2}")
  @CsvSource({
    "numcli, 12345, T1",
    "numcli, 12345a, T1",
    "numcli, 654321, T2",
    "exer, 26, E1",
    "refdet, ABCD, R3",
    "refdet, FACT-000001, R3",
    "refdet, A234567890123456789012345678901, R3",
    "mel, '', A1",
    "mel, a@b.c, A2",
    "mel, payeur.example.org, A2",
    "montant, 15.00, M1",
    "montant, 99, M3",
    "montant, 10000001, M5",
    "objet, Cantine été, O1",
    "urlnotif, /notif, N1",
    "urlnotif, ftp://example.org/notif, N1",
    "urlredirect, retour, D1",
    "saisie, A, S1",
  })
  void creerPaiementSecurise_whenFieldInvalid_answersFunctionalFault(
      String field, String value, String code) throws Exception {
    Map<String, String> fields = RawSoap.creerFields(NUMCLI, "FACT000001", "1500");
    fields.put(field, value);

    HttpResponse<String> r = soap.call("creerPaiementSecurise", fields);

    assertThat(r.statusCode()).isEqualTo(500);
    RawSoap.Fault fault = RawSoap.fault(r.body());
    assertThat(fault.faultcode()).isEqualTo("S:Server");
    assertThat(fault.faultstring())
        .isEqualTo("fr.gouv.finances.cp.tpa.webservice.exceptions.FonctionnelleErreur");
    assertThat(fault.type()).isEqualTo("FonctionnelleErreur");
    assertThat(fault.typeNamespace()).isEqualTo(RawSoap.NS);
    assertThat(fault.code()).isEqualTo(code);
    assertThat(fault.libelle()).isNotBlank();
    assertThat(fault.severite()).isEqualTo("2");
  }

  @Test
  void creerPaiementSecurise_whenMelAndAmountBothWrong_answersOnlyA2() throws Exception {
    Map<String, String> fields = RawSoap.creerFields(NUMCLI, "FACT000001", "9990000001");
    fields.put("mel", "not-an-address");

    RawSoap.Fault fault = RawSoap.fault(soap.call("creerPaiementSecurise", fields).body());

    assertThat(fault.code()).isEqualTo("A2");
    assertThat(fault.libelle()).isEqualTo("Adresse mel incorrecte");
  }

  @Test
  void creerPaiementSecurise_whenRefdetTooShort_answersR3WithTheRealWording() throws Exception {
    RawSoap.Fault fault =
        RawSoap.fault(
            soap.call("creerPaiementSecurise", RawSoap.creerFields(NUMCLI, "ABCD", "1500")).body());

    assertThat(fault.libelle()).isEqualTo("Le format du paramètre REFDET n'est pas conforme");
  }

  @Test
  void creerPaiementSecurise_whenFieldsAreNamespaceQualified_ignoresThemLikeJaxb()
      throws Exception {
    String qualified =
        RawSoap.fields(RawSoap.creerFields(NUMCLI, "FACT000001", "1500"))
            .replace("<", "<pai:")
            .replace("<pai:/", "</pai:");

    HttpResponse<String> r = soap.post(RawSoap.envelope("creerPaiementSecurise", qualified));

    assertThat(RawSoap.fault(r.body()).code()).isEqualTo("T1");
  }

  @Test
  void recupererDetailPaiementSecurise_beforeAnyResult_answersP5() throws Exception {
    String idOp = soap.createIdOp(NUMCLI, "FACT000001", 1500);

    RawSoap.Fault fault = RawSoap.fault(soap.detail(idOp).body());

    assertThat(fault.code()).isEqualTo("P5");
    assertThat(fault.libelle()).isEqualTo("Résultat de la transaction non connu.");
  }

  @Test
  void recupererDetailPaiementSecurise_whenUnknownIdOp_answersP1() throws Exception {
    RawSoap.Fault fault = RawSoap.fault(soap.detail(UUID.randomUUID().toString()).body());

    assertThat(fault.code()).isEqualTo("P1");
    assertThat(fault.libelle()).isEqualTo("IdOp incorrect.");
  }

  @Test
  void recupererDetailPaiementSecurise_whenFieldSpelledIdop_answersP1EvenForAPaidOperation()
      throws Exception {
    String idOp = soap.createIdOp(NUMCLI, "FACT000001", 1500);
    sim.complete(idOp, Outcome.CARD_PAID);

    HttpResponse<String> r = soap.call("recupererDetailPaiementSecurise", Map.of("idop", idOp));

    assertThat(RawSoap.fault(r.body()).code()).isEqualTo("P1");
  }

  @Test
  void recupererDetailPaiementSecurise_afterCardPayment_returnsEveryFieldInTheRealOrder()
      throws Exception {
    String idOp = soap.createIdOp(NUMCLI, "FACT000001", 1500);
    clock.advance(Duration.ofMinutes(3));
    sim.complete(idOp, Outcome.CARD_PAID);

    HttpResponse<String> r = soap.detail(idOp);

    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, String> fields = RawSoap.returned(RawSoap.parse(r.body()));
    assertThat(fields.keySet())
        .containsExactly(
            "dattrans",
            "exer",
            "heurtrans",
            "idOp",
            "mel",
            "montant",
            "numauto",
            "numcli",
            "objet",
            "refdet",
            "resultrans",
            "saisie");
    // 13:08:30 UTC is 14:08 in Paris: local time, no seconds.
    assertThat(fields)
        .containsEntry("dattrans", "29112026")
        .containsEntry("heurtrans", "1408")
        .containsEntry("idOp", idOp)
        .containsEntry("montant", "1500")
        .containsEntry("numcli", NUMCLI)
        .containsEntry("refdet", "FACT000001")
        .containsEntry("resultrans", "P")
        .containsEntry("saisie", "T");
    assertThat(fields.get("numauto")).matches("[A-Z0-9]{6}");
  }

  @Test
  void recupererDetailPaiementSecurise_echoesExerTruncatedAsTheRealServiceWasSeenTo()
      throws Exception {
    String idOp = soap.createIdOp(NUMCLI, "FACT000001", 1500);
    sim.complete(idOp, Outcome.CARD_PAID);

    Map<String, String> fields = RawSoap.returned(RawSoap.parse(soap.detail(idOp).body()));

    assertThat(fields).containsEntry("exer", "20");
  }

  @ParameterizedTest
  @EnumSource(
      value = Outcome.class,
      names = {"CARD_REFUSED", "DIRECT_DEBIT_REFUSED", "ABANDONED"})
  void recupererDetailPaiementSecurise_whenNotPaid_hasNoNumauto(Outcome outcome) throws Exception {
    String idOp = soap.createIdOp(NUMCLI, "FACT000001", 1500);
    sim.complete(idOp, outcome);

    Map<String, String> fields = RawSoap.returned(RawSoap.parse(soap.detail(idOp).body()));

    assertThat(fields).doesNotContainKey("numauto");
    assertThat(fields.get("resultrans")).isEqualTo(outcome.resultrans().orElseThrow());
  }

  @Test
  void recupererDetailPaiementSecurise_afterDirectDebit_answersV() throws Exception {
    String idOp = soap.createIdOp(NUMCLI, "FACT000001", 1500);
    sim.complete(idOp, Outcome.DIRECT_DEBIT_VALIDATED);

    Map<String, String> fields = RawSoap.returned(RawSoap.parse(soap.detail(idOp).body()));

    assertThat(fields).containsEntry("resultrans", "V").containsKey("numauto");
  }

  @Test
  void recupererDetailPaiementSecurise_isSideEffectFreeAndRepeatable() throws Exception {
    String idOp = soap.createIdOp(NUMCLI, "FACT000001", 1500);
    sim.complete(idOp, Outcome.CARD_PAID);

    String first = soap.detail(idOp).body();
    String second = soap.detail(idOp).body();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void recupererDetailClient_whenRegistered_returnsItsLabels() throws Exception {
    HttpResponse<String> r = soap.call("recupererDetailClient", Map.of("numCli", NUMCLI));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(RawSoap.returned(RawSoap.parse(r.body())))
        .containsExactly(
            Map.entry("libelleN1", "MAIRIE DE DEMO"),
            Map.entry("libelleN2", "REGIE CANTINE"),
            Map.entry("libelleN3", "BUDGET PRINCIPAL"),
            Map.entry("numcli", NUMCLI));
  }

  @Test
  void recupererDetailClient_whenUnknownNumcli_answersT2() throws Exception {
    HttpResponse<String> r = soap.call("recupererDetailClient", Map.of("numCli", "999999"));

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(RawSoap.fault(r.body()).code()).isEqualTo("T2");
  }

  @Test
  void recupererDetailClient_whenFieldSpelledNumcli_answersT1() throws Exception {
    HttpResponse<String> r = soap.call("recupererDetailClient", Map.of("numcli", NUMCLI));

    assertThat(RawSoap.fault(r.body()).code()).isEqualTo("T1");
  }

  @ParameterizedTest
  @EnumSource(TechnicalFault.class)
  void anyOperation_whenTechnicalFaultOnDemand_answersThatFamily(TechnicalFault family)
      throws Exception {
    sim.misbehave(Misbehaviour.technicalFault(family));

    HttpResponse<String> r = soap.call("recupererDetailClient", Map.of("numCli", NUMCLI));

    assertThat(r.statusCode()).isEqualTo(500);
    RawSoap.Fault fault = RawSoap.fault(r.body());
    assertThat(fault.faultstring())
        .isEqualTo("fr.gouv.finances.cp.tpa.webservice.exceptions." + family.detailElement());
    assertThat(fault.type()).isEqualTo(family.detailElement());
    assertThat(fault.code()).isEqualTo("999");
    assertThat(fault.severite()).isEqualTo("3");
  }

  @Test
  void soapEndpoint_whenBadGatewayOnce_answers502WithoutEnvelopeThenRecovers() throws Exception {
    sim.misbehave(Misbehaviour.badGateway().times(1));

    HttpResponse<String> first = soap.call("recupererDetailClient", Map.of("numCli", NUMCLI));
    HttpResponse<String> second = soap.call("recupererDetailClient", Map.of("numCli", NUMCLI));

    assertThat(first.statusCode()).isEqualTo(502);
    assertThat(first.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(first.body()).doesNotContain("Envelope");
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(sim.misbehaviours()).isEmpty();
  }

  @Test
  void soapEndpoint_whenConnectionResetOnDemand_resetsTheTcpConnectionWithoutAnswer()
      throws Exception {
    sim.misbehave(Misbehaviour.connectionReset().times(1));
    byte[] envelope =
        RawSoap.envelope("recupererDetailClient", "<numCli>123456</numCli>")
            .getBytes(StandardCharsets.UTF_8);
    String head =
        "POST /tpa/services/securite HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: text/xml; charset=utf-8\r\nSOAPAction: \"\"\r\nContent-Length: "
            + envelope.length
            + "\r\n\r\n";

    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), sim.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().write(envelope);
      socket.getOutputStream().flush();

      assertThatThrownBy(() -> socket.getInputStream().read())
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("reset");
    }
    assertThat(soap.call("recupererDetailClient", Map.of("numCli", NUMCLI)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void soapEndpoint_whenConnectionResetOnDemand_failsAnHttpClientCall() throws Exception {
    sim.misbehave(Misbehaviour.connectionReset());

    assertThatThrownBy(() -> soap.call("recupererDetailClient", Map.of("numCli", NUMCLI)))
        .isInstanceOf(IOException.class);
  }

  @Test
  void soapEndpoint_whenSlowOnDemand_makesTheCallerTimeOut() {
    sim.misbehave(Misbehaviour.slowSoap(Duration.ofSeconds(30)));

    assertThatThrownBy(
            () ->
                soap.post(
                    RawSoap.envelope("recupererDetailClient", "<numCli>123456</numCli>"),
                    "text/xml; charset=utf-8",
                    Duration.ofMillis(300)))
        .isInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void soapEndpoint_whenDoctypeWithExternalEntity_refusesWithoutResolvingIt(@TempDir Path dir)
      throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \""
            + secret.toUri()
            + "\">]>"
            + RawSoap.envelope("recupererDetailClient", "<numCli>&x;</numCli>");

    HttpResponse<String> r = soap.post(xxe);

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).doesNotContain("TOP-SECRET-CONTENT");
    assertThat(RawSoap.fault(r.body()).faultcode()).isEqualTo("S:Client");
  }

  @Test
  void soapEndpoint_whenEntityExpansionBomb_refusesIt() throws Exception {
    StringBuilder bomb =
        new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE b [<!ENTITY a0 \"ha\">");
    for (int i = 1; i < 12; i++) {
      bomb.append("<!ENTITY a").append(i).append(" \"");
      bomb.append(("&a" + (i - 1) + ";").repeat(10)).append("\">");
    }
    bomb.append("]>").append(RawSoap.envelope("recupererDetailClient", "<numCli>&a11;</numCli>"));

    HttpResponse<String> r = soap.post(bomb.toString());

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(RawSoap.fault(r.body()).faultcode()).isEqualTo("S:Client");
  }

  @Test
  void soapEndpoint_whenBodyLargerThanCap_answers413WithoutParsing() throws Exception {
    String huge =
        RawSoap.envelope(
            "recupererDetailClient", "<numCli>" + "1".repeat(2 * 1024 * 1024) + "</numCli>");

    HttpResponse<String> r = soap.post(huge);

    assertThat(r.statusCode()).isEqualTo(413);
  }

  @Test
  void soapEndpoint_whenMalformedXml_answersClientFault() throws Exception {
    HttpResponse<String> r = soap.post("<soapenv:Envelope xmlns:soapenv=\"x\"><unclosed>");

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(RawSoap.fault(r.body()).faultcode()).isEqualTo("S:Client");
  }

  @Test
  void soapEndpoint_whenSoap12Envelope_answersVersionMismatch() throws Exception {
    String soap12 =
        RawSoap.envelope("recupererDetailClient", "<numCli>123456</numCli>")
            .replace(RawSoap.SOAP_NS, "http://www.w3.org/2003/05/soap-envelope");

    HttpResponse<String> r = soap.post(soap12);

    assertThat(RawSoap.fault(r.body()).faultcode()).isEqualTo("S:VersionMismatch");
  }

  @Test
  void soapEndpoint_whenUnknownOperation_answersClientFaultWithoutDetail() throws Exception {
    HttpResponse<String> r = soap.post(RawSoap.envelope("rembourserPaiement", "<idOp>x</idOp>"));

    RawSoap.Fault fault = RawSoap.fault(r.body());
    assertThat(fault.faultcode()).isEqualTo("S:Client");
    assertThat(fault.type()).isNull();
  }

  @Test
  void soapEndpoint_whenNotTextXml_answers415() throws Exception {
    HttpResponse<String> r =
        soap.post(
            RawSoap.envelope("recupererDetailClient", "<numCli>123456</numCli>"),
            "application/soap+xml",
            Duration.ofSeconds(5));

    assertThat(r.statusCode()).isEqualTo(415);
  }

  @Test
  void soapEndpoint_whenGet_answers405() throws Exception {
    HttpResponse<String> r =
        soap.http.send(
            java.net.http.HttpRequest.newBuilder(sim.soapEndpoint()).GET().build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(405);
  }
}
