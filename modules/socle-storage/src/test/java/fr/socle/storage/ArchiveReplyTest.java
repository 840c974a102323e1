package fr.socle.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reading the archiving service's reply, and eliminating originals after an acceptance. */
class ArchiveReplyTest {
  static final String SIRET = SafeFixture.TENANT;

  @TempDir Path dir;
  SafeFixture f;
  ArchiveTransfers transfers;

  @BeforeEach
  void open() {
    f = new SafeFixture(dir);
    transfers = ArchiveTransfers.create(f.safe, f.clock);
  }

  @AfterEach
  void close() {
    f.close();
  }

  static String reply(SedaVersion v, String code, String requestId) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <ArchiveTransferReply xmlns="%s">
          <Date>2026-12-06T09:00:00</Date>
          <MessageIdentifier>ATR-2026-0042</MessageIdentifier>
          <ArchivalAgreement>IC-000001</ArchivalAgreement>
          <CodeListVersions/>
          <ReplyCode>%s</ReplyCode>
          <Operation><Event><EventType>Check</EventType><EventDateTime>2026-12-06T09:00:00</EventDateTime></Event></Operation>
          <MessageRequestIdentifier>%s</MessageRequestIdentifier>
          <GrantDate>2026-12-06T09:00:00</GrantDate>
          <ArchivalAgency><Identifier>FRAD075</Identifier></ArchivalAgency>
          <TransferringAgency><Identifier>%s</Identifier></TransferringAgency>
        </ArchiveTransferReply>
        """
        .formatted(v.namespace(), code, requestId, SIRET);
  }

  static InputStream in(String xml) {
    return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
  }

  ArchiveTransferReceipt export(String... ids) {
    ArchiveTransferRequest.Builder b =
        ArchiveTransferRequest.builder("SOCLE-2026-000007")
            .archivalAgreement("IC-000001")
            .archivalAgency("FRAD075")
            .transferringAgency(SIRET)
            .originatingAgency(SIRET);
    for (String id : ids) {
      b.item(ArchiveItem.of(ArchiveExportTest.ref(id), "Pièce " + id));
    }
    return transfers.export(b.build(), "archiviste", new ByteArrayOutputStream());
  }

  List<JournalOperation> operations() {
    return f.safe.journal(SafeFixture.TENANT, 1, 1000).stream()
        .map(JournalEntry::operation)
        .toList();
  }

  @ParameterizedTest
  @EnumSource(SedaVersion.class)
  @DisplayName("a reply valid against the official XSD is read with its identifiers")
  void parse(SedaVersion v) throws Exception {
    String xml = reply(v, "OK", "SOCLE-2026-000007");
    SedaSchemas.schema(v)
        .newValidator()
        .validate(new StreamSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));

    ArchiveTransferReply r = ArchiveTransferReply.parse(in(xml));

    assertThat(r.version()).isEqualTo(v);
    assertThat(r.messageIdentifier()).isEqualTo("ATR-2026-0042");
    assertThat(r.messageRequestIdentifier()).isEqualTo("SOCLE-2026-000007");
    assertThat(r.replyCode()).contains("OK");
    assertThat(r.grantDate()).contains("2026-12-06T09:00:00");
    assertThat(r.archivalAgencyIdentifier()).isEqualTo("FRAD075");
    assertThat(r.transferringAgencyIdentifier()).isEqualTo(SIRET);
    assertThat(r.accepted()).isTrue();
    assertThat(r.sha512())
        .isEqualTo(ArchiveExportTest.hex("SHA-512", xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  @DisplayName("only OK and 000 are acceptances; WARNING, KO or no code are not")
  void acceptance() {
    assertThat(ArchiveTransferReply.parse(in(reply(SedaVersion.V2_2, "000", "X"))).accepted())
        .isTrue();
    for (String code : new String[] {"WARNING", "KO", "FATAL", "ok", "200"}) {
      assertThat(ArchiveTransferReply.parse(in(reply(SedaVersion.V2_3, code, "X"))).accepted())
          .as(code)
          .isFalse();
    }
    String noCode = reply(SedaVersion.V2_3, "OK", "X").replace("<ReplyCode>OK</ReplyCode>", "");
    assertThat(ArchiveTransferReply.parse(in(noCode)).accepted()).isFalse();
  }

  @Test
  @DisplayName("hostile replies are refused: XXE, entity expansion, repeats, foreign roots, size")
  void hostileReplies(@TempDir Path tmp) throws Exception {
    Path secret = Files.writeString(tmp.resolve("secret.txt"), "TOPSECRET");
    String ok = reply(SedaVersion.V2_3, "OK", "X");
    String body = ok.substring(ok.indexOf("<ArchiveTransferReply"));
    List<String> hostile =
        List.of(
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \""
                + secret.toUri()
                + "\">]>"
                + body.replace(">X<", ">&x;<"),
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b"
                + " \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + body.replace(">X<", ">&b;<"),
            ok.replace(
                "<MessageRequestIdentifier>X</MessageRequestIdentifier>",
                "<MessageRequestIdentifier>X</MessageRequestIdentifier>"
                    + "<MessageRequestIdentifier>Y</MessageRequestIdentifier>"),
            ok.replace(
                "<ReplyCode>OK</ReplyCode>", "<ReplyCode>OK</ReplyCode><ReplyCode>KO</ReplyCode>"),
            ok.replace("<MessageRequestIdentifier>X</MessageRequestIdentifier>", ""),
            ok.replace("<Identifier>FRAD075</Identifier>", ""),
            ok.replace(
                "<MessageIdentifier>ATR-2026-0042</MessageIdentifier>",
                "<MessageIdentifier><b>ATR</b></MessageIdentifier>"),
            ok.replace("seda:v2.3", "seda:v9.9"),
            ok.replace("ArchiveTransferReply", "ArchiveTransfer"),
            ok.replace("<ReplyCode>OK</ReplyCode>", "<ReplyCode>   </ReplyCode>"),
            ok.replace(">X<", ">" + "X".repeat(2000) + "<"),
            ok.substring(0, ok.length() / 2),
            "",
            "\u0000\u0001garbage");
    for (String xml : hostile) {
      assertThatThrownBy(() -> ArchiveTransferReply.parse(in(xml)))
          .as(xml)
          .isInstanceOf(InvalidArchiveReplyException.class)
          .hasMessageNotContaining("TOPSECRET");
    }
    InputStream huge =
        new java.io.SequenceInputStream(
            in(ok.replace("</ArchiveTransferReply>", "")),
            new ByteArrayInputStream(new byte[ArchiveTransferReply.MAX_BYTES]));
    assertThatThrownBy(() -> ArchiveTransferReply.parse(huge))
        .isInstanceOf(InvalidArchiveReplyException.class)
        .hasMessageContaining("too large");
  }

  @Test
  @DisplayName("an accepted reply is journaled and the originals are destroyed")
  void acceptedEliminates() {
    f.deposit("a", TestData.bytes(1000, 1));
    f.deposit("b", TestData.bytes(2000, 2));
    ArchiveTransferReceipt receipt = export("a", "b");
    String xml = reply(SedaVersion.V2_3, "OK", "SOCLE-2026-000007");
    ArchiveTransferReply r = ArchiveTransferReply.parse(in(xml));

    EliminationReport report = transfers.eliminate(receipt, r, "archiviste");

    assertThat(report.destroyed())
        .containsExactly(ArchiveExportTest.ref("a"), ArchiveExportTest.ref("b"));
    assertThat(f.safe.list(SafeFixture.TENANT, SafeFixture.CONTAINER, "t")).isEmpty();
    JournalEntry accepted =
        f.safe.journal(SafeFixture.TENANT, 1, 1000).stream()
            .filter(e -> e.operation() == JournalOperation.ARCHIVE_ACCEPTED)
            .findFirst()
            .orElseThrow();
    assertThat(accepted.documentId()).isEqualTo("SOCLE-2026-000007");
    assertThat(accepted.digest()).isEqualTo("SHA-512:" + r.sha512());
    assertThat(operations())
        .containsSubsequence(
            JournalOperation.ARCHIVE_ACCEPTED, JournalOperation.DESTROY, JournalOperation.DESTROY);
    assertThat(f.safe.verifyJournal(SafeFixture.TENANT).intact()).isTrue();
  }

  @Test
  @DisplayName("a rejected or reserved reply is journaled and destroys nothing")
  void rejectedKeeps() {
    f.deposit("a", TestData.bytes(1000, 1));
    ArchiveTransferReceipt receipt = export("a");
    for (String code : new String[] {"KO", "WARNING"}) {
      ArchiveTransferReply r =
          ArchiveTransferReply.parse(in(reply(SedaVersion.V2_3, code, "SOCLE-2026-000007")));
      assertThatThrownBy(() -> transfers.eliminate(receipt, r, "archiviste"))
          .isInstanceOf(ArchiveTransferRejectedException.class)
          .satisfies(
              e -> assertThat(((ArchiveTransferRejectedException) e).errorCode()).contains(code));
    }
    assertThat(f.read("a")).isEqualTo(TestData.bytes(1000, 1));
    assertThat(operations())
        .containsSubsequence(JournalOperation.ARCHIVE_REJECTED, JournalOperation.ARCHIVE_REJECTED)
        .doesNotContain(JournalOperation.DESTROY);
  }

  @Test
  @DisplayName("a reply to another transfer, or from other agencies, is refused untouched")
  void replyToAnotherTransfer() {
    f.deposit("a", TestData.bytes(1000, 1));
    ArchiveTransferReceipt receipt = export("a");
    List<String> others =
        List.of(
            reply(SedaVersion.V2_3, "OK", "SOCLE-2026-000008"),
            reply(SedaVersion.V2_3, "OK", "SOCLE-2026-000007").replace("FRAD075", "FRAD013"),
            reply(SedaVersion.V2_3, "OK", "SOCLE-2026-000007")
                .replace("<Identifier>" + SIRET, "<Identifier>35600000000048"));
    int before = operations().size();
    for (String xml : others) {
      ArchiveTransferReply r = ArchiveTransferReply.parse(in(xml));
      assertThatThrownBy(() -> transfers.eliminate(receipt, r, "archiviste"))
          .isInstanceOf(InvalidArchiveReplyException.class);
    }
    assertThat(operations()).hasSize(before);
    assertThat(f.read("a")).isEqualTo(TestData.bytes(1000, 1));
  }

  @Test
  @DisplayName("a receipt that does not match the journal is refused")
  void forgedReceipt() {
    f.deposit("a", TestData.bytes(1000, 1));
    ArchiveTransferReceipt r = export("a");
    ArchiveTransferReply reply =
        ArchiveTransferReply.parse(in(reply(SedaVersion.V2_3, "OK", "SOCLE-2026-000007")));
    ArchiveTransferReceipt otherManifest =
        new ArchiveTransferReceipt(
            r.tenant(),
            r.messageIdentifier(),
            r.version(),
            r.date(),
            r.archivalAgencyIdentifier(),
            r.transferringAgencySiret(),
            "0".repeat(128),
            r.journalSequence(),
            r.documents());
    ArchiveTransferReceipt otherEntry =
        new ArchiveTransferReceipt(
            r.tenant(),
            r.messageIdentifier(),
            r.version(),
            r.date(),
            r.archivalAgencyIdentifier(),
            r.transferringAgencySiret(),
            r.manifestSha512(),
            1,
            r.documents());
    for (ArchiveTransferReceipt forged : List.of(otherManifest, otherEntry)) {
      assertThatThrownBy(() -> transfers.eliminate(forged, reply, "archiviste"))
          .isInstanceOf(IntegrityViolationException.class);
    }
    assertThat(f.read("a")).isEqualTo(TestData.bytes(1000, 1));
  }

  @Test
  @DisplayName("retention, a later version or an earlier destruction keep or skip a document")
  void keptDocuments() {
    f.deposit("free", TestData.bytes(1000, 1));
    f.safe.deposit(
        DepositRequest.builder(SafeFixture.TENANT, SafeFixture.CONTAINER)
            .id("retained")
            .depositor(SafeFixture.AGENT)
            .retainUntil(Instant.parse("2090-01-01T00:00:00Z"))
            .build(),
        new ByteArrayInputStream(new byte[10]));
    f.deposit("changed", TestData.bytes(1000, 3));
    f.deposit("gone", TestData.bytes(1000, 4));
    ArchiveTransferReceipt receipt = export("free", "retained", "changed", "gone");
    f.deposit("changed", TestData.bytes(1000, 5));
    f.safe.destroy(ArchiveExportTest.ref("gone"), "agent");
    ArchiveTransferReply r =
        ArchiveTransferReply.parse(in(reply(SedaVersion.V2_3, "OK", "SOCLE-2026-000007")));

    EliminationReport report = transfers.eliminate(receipt, r, "archiviste");

    assertThat(report.outcomes())
        .extracting(EliminationReport.Outcome::status)
        .containsExactly(
            EliminationReport.Status.DESTROYED,
            EliminationReport.Status.RETAINED,
            EliminationReport.Status.CHANGED_SINCE_TRANSFER,
            EliminationReport.Status.ALREADY_GONE);
    assertThat(f.read("changed")).isEqualTo(TestData.bytes(1000, 5));
    assertThat(operations()).contains(JournalOperation.DESTROY_REFUSED);
  }

  @Test
  @DisplayName(
      "an accepted transfer does not destroy a document whose envelope was rolled back to before"
          + " a legal hold: the journal's protection wins")
  void restoredEnvelopeNotEliminated() throws Exception {
    f.deposit("held", TestData.bytes(1000, 1));
    ArchiveTransferReceipt receipt = export("held");
    Path key = f.file("held", 1, "key");
    byte[] beforeHold = Files.readAllBytes(key);
    f.safe.legalHold(ArchiveExportTest.ref("held"), true, "juriste");
    Files.write(key, beforeHold);
    ArchiveTransferReply r =
        ArchiveTransferReply.parse(in(reply(SedaVersion.V2_3, "OK", "SOCLE-2026-000007")));

    assertThatThrownBy(() -> transfers.eliminate(receipt, r, "archiviste"))
        .isInstanceOf(IntegrityViolationException.class);
    assertThat(operations()).doesNotContain(JournalOperation.DESTROY);
    assertThat(f.file("held", 1, "content")).exists();
  }

  @Test
  @DisplayName("a legal hold placed after the export keeps the document on acceptance")
  void legalHoldAfterExportRetained() {
    f.deposit("held", TestData.bytes(1000, 2));
    ArchiveTransferReceipt receipt = export("held");
    f.safe.legalHold(ArchiveExportTest.ref("held"), true, "juriste");
    ArchiveTransferReply r =
        ArchiveTransferReply.parse(in(reply(SedaVersion.V2_3, "OK", "SOCLE-2026-000007")));

    EliminationReport report = transfers.eliminate(receipt, r, "archiviste");

    assertThat(report.outcomes())
        .extracting(EliminationReport.Outcome::status)
        .containsExactly(EliminationReport.Status.RETAINED);
    assertThat(operations()).contains(JournalOperation.DESTROY_REFUSED);
    assertThat(f.read("held")).isEqualTo(TestData.bytes(1000, 2));
  }
}
