package fr.socle.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** SEDA export: manifests valid against the official XSDs, digests round-tripped, journaled. */
class ArchiveExportTest {
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

  static DocumentRef ref(String id) {
    return DocumentRef.of(SafeFixture.TENANT, SafeFixture.CONTAINER, id);
  }

  ArchiveTransferRequest.Builder request(SedaVersion version) {
    return ArchiveTransferRequest.builder("SOCLE-2026-000001")
        .version(version)
        .archivalAgreement("IC-000001")
        .archivalAgency("FRAD075")
        .transferringAgency(SIRET)
        .originatingAgency(SIRET);
  }

  /** The package's entries, by name, in order. */
  static Map<String, byte[]> unzip(byte[] sip) throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(sip))) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        entries.put(e.getName(), zip.readAllBytes());
      }
    }
    return entries;
  }

  static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    dbf.setNamespaceAware(true);
    dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    dbf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    dbf.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return dbf.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }

  static List<String> texts(Document d, String name) {
    NodeList nodes = d.getElementsByTagNameNS("*", name);
    return java.util.stream.IntStream.range(0, nodes.getLength())
        .mapToObj(i -> nodes.item(i).getTextContent())
        .toList();
  }

  static void validate(SedaVersion version, byte[] manifest) throws Exception {
    SedaSchemas.schema(version)
        .newValidator()
        .validate(new StreamSource(new ByteArrayInputStream(manifest)));
  }

  static String hex(String algorithm, byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
  }

  @ParameterizedTest
  @EnumSource(SedaVersion.class)
  @DisplayName("the manifest is valid against the official XSD and describes every document")
  void exportValidAndRoundTrips(SedaVersion version) throws Exception {
    byte[] pdf = TestData.bytes(300_000, 1);
    DocumentMetadata m1 = f.deposit("deliberation-2026-042", pdf);
    DocumentMetadata m2 =
        f.safe.deposit(
            DepositRequest.builder(SafeFixture.TENANT, SafeFixture.CONTAINER)
                .id("empty")
                .depositor(SafeFixture.AGENT)
                .contentType("text/plain; charset=UTF-8")
                .build(),
            new ByteArrayInputStream(new byte[0]));
    ArchiveTransferRequest request =
        request(version)
            .comment("Versement annuel <2026> & \"test\"")
            .item(
                ArchiveItem.of(ref("deliberation-2026-042"), "Délibération n° 2026-042 <&]]>")
                    .withDescription("Conseil municipal du 5 décembre 2026")
                    .withDates(LocalDate.of(2026, 12, 5), LocalDate.of(2026, 12, 5)))
            .item(ArchiveItem.of(ref("empty"), "Pièce vide").withLevel(DescriptionLevel.FILE))
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    ArchiveTransferReceipt receipt = transfers.export(request, "archiviste", out);

    Map<String, byte[]> entries = unzip(out.toByteArray());
    assertThat(entries.keySet())
        .containsExactly("manifest.xml", "content/BDO1.pdf", "content/BDO2");
    byte[] manifest = entries.get("manifest.xml");
    validate(version, manifest);

    Document d = parse(manifest);
    assertThat(d.getDocumentElement().getNamespaceURI()).isEqualTo(version.namespace());
    assertThat(texts(d, "MessageIdentifier")).containsExactly("SOCLE-2026-000001");
    assertThat(texts(d, "ArchivalAgreement")).containsExactly("IC-000001");
    assertThat(texts(d, "Date")).containsExactly("2026-11-29T10:00:00Z");
    assertThat(texts(d, "OriginatingAgencyIdentifier")).containsExactly(SIRET);
    assertThat(texts(d, "Identifier")).containsExactly("FRAD075", SIRET);
    assertThat(texts(d, "Uri")).containsExactly("content/BDO1.pdf", "content/BDO2");
    assertThat(texts(d, "MessageDigest")).containsExactly(m1.digest(), m2.digest());
    assertThat(texts(d, "Size")).containsExactly("300000");
    assertThat(texts(d, "MimeType")).containsExactly("application/pdf", "text/plain");
    assertThat(texts(d, "Filename")).containsExactly("deliberation-2026-042.pdf");
    assertThat(texts(d, "Title")).containsExactly("Délibération n° 2026-042 <&]]>", "Pièce vide");
    assertThat(texts(d, "DescriptionLevel")).containsExactly("Item", "File");
    assertThat(texts(d, "StartDate")).containsExactly("2026-12-05");
    assertThat(texts(d, "Comment")).containsExactly("Versement annuel <2026> & \"test\"");
    NodeList digests = d.getElementsByTagNameNS("*", "MessageDigest");
    assertThat(((Element) digests.item(0)).getAttribute("algorithm")).isEqualTo("SHA-256");

    // Round trip: the digests in the manifest are those of the binaries in the package.
    assertThat(entries.get("content/BDO1.pdf")).isEqualTo(pdf);
    assertThat(hex("SHA-256", entries.get("content/BDO1.pdf"))).isEqualTo(m1.digest());
    assertThat(hex("SHA-256", entries.get("content/BDO2"))).isEqualTo(m2.digest());
    assertThat(receipt.manifestSha512()).isEqualTo(hex("SHA-512", manifest));
    assertThat(receipt.documents())
        .extracting(ArchivedDocument::digest)
        .containsExactly(m1.digest(), m2.digest());
  }

  @Test
  @DisplayName("the offline validator refuses a manifest without its required digest")
  void validatorRefusesInvalidManifest() throws Exception {
    // Skips here, not inside assertThatThrownBy, when the official XSDs are not beside the
    // checkout.
    SedaSchemas.schema(SedaVersion.V2_2);
    f.deposit("doc", TestData.bytes(100, 9));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    transfers.export(
        request(SedaVersion.V2_2).item(ArchiveItem.of(ref("doc"), "Acte")).build(), "a", out);
    String manifest =
        new String(unzip(out.toByteArray()).get("manifest.xml"), StandardCharsets.UTF_8);
    String broken = manifest.replaceAll("<MessageDigest[^>]*>[0-9a-f]+</MessageDigest>", "");
    assertThat(broken).isNotEqualTo(manifest);

    assertThatThrownBy(() -> validate(SedaVersion.V2_2, broken.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(org.xml.sax.SAXException.class);
  }

  @Test
  @DisplayName("with a SHA-512 safe the manifest carries SHA-512 digests, and still validates")
  void sha512() throws Exception {
    f.closeSafe();
    f.safe =
        DocumentSafe.builder()
            .objectStore(f.openStore())
            .keyEncryptionKeys(f.keys)
            .clock(f.clock)
            .digestAlgorithm(DigestAlgorithm.SHA_512)
            .build();
    transfers = ArchiveTransfers.create(f.safe, f.clock);
    byte[] content = TestData.bytes(70_000, 2);
    DocumentMetadata m = f.deposit("doc", content);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    transfers.export(
        request(SedaVersion.V2_3).item(ArchiveItem.of(ref("doc"), "Acte")).build(), "a", out);

    byte[] manifest = unzip(out.toByteArray()).get("manifest.xml");
    validate(SedaVersion.V2_3, manifest);
    Document d = parse(manifest);
    assertThat(
            ((Element) d.getElementsByTagNameNS("*", "MessageDigest").item(0))
                .getAttribute("algorithm"))
        .isEqualTo("SHA-512");
    assertThat(texts(d, "MessageDigest")).containsExactly(hex("SHA-512", content));
    assertThat(m.digest()).isEqualTo(hex("SHA-512", content));
  }

  @Test
  @DisplayName("the transfer is journaled: each document with its digest, then the manifest")
  void journaled() throws Exception {
    DocumentMetadata m = f.deposit("doc", TestData.bytes(1000, 3));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ArchiveTransferReceipt receipt =
        transfers.export(
            request(SedaVersion.V2_3).item(ArchiveItem.of(ref("doc"), "Acte")).build(),
            "archiviste",
            out);

    List<JournalEntry> archived =
        f.safe.journal(SafeFixture.TENANT, 1, 100).stream()
            .filter(e -> e.operation() == JournalOperation.ARCHIVE_TRANSFERRED)
            .toList();
    assertThat(archived).hasSize(2);
    assertThat(archived.get(0).documentId()).isEqualTo("doc");
    assertThat(archived.get(0).digest()).isEqualTo("SHA-256:" + m.digest());
    assertThat(archived.get(1).container()).isEmpty();
    assertThat(archived.get(1).documentId()).isEqualTo("SOCLE-2026-000001");
    assertThat(archived.get(1).digest())
        .isEqualTo("SHA-512:" + hex("SHA-512", unzip(out.toByteArray()).get("manifest.xml")));
    assertThat(archived.get(1).sequence()).isEqualTo(receipt.journalSequence());
    assertThat(f.safe.verifyJournal(SafeFixture.TENANT).intact()).isTrue();
  }

  @Test
  @DisplayName("a tampered document aborts the export: no package, nothing journaled as sent")
  void tamperedDocument() throws Exception {
    f.deposit("doc", TestData.bytes(3 << 20, 4));
    Path file = f.file("doc", 1, "content");
    byte[] c = Files.readAllBytes(file);
    c[c.length / 2] ^= 1;
    Files.write(file, c);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThatThrownBy(
            () ->
                transfers.export(
                    request(SedaVersion.V2_3).item(ArchiveItem.of(ref("doc"), "Acte")).build(),
                    "archiviste",
                    out))
        .isInstanceOf(IntegrityViolationException.class);

    assertThat(f.safe.journal(SafeFixture.TENANT, 1, 100))
        .extracting(JournalEntry::operation)
        .doesNotContain(JournalOperation.ARCHIVE_TRANSFERRED);
    assertThatThrownBy(() -> unzipStrict(out.toByteArray()))
        .as("the partial output is not a finished ZIP")
        .isInstanceOf(java.io.IOException.class);
  }

  /** Reads a ZIP through its central directory, as archiving services do. */
  static void unzipStrict(byte[] bytes) throws Exception {
    Path p = Files.createTempFile("sip", ".zip");
    try {
      Files.write(p, bytes);
      try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(p.toFile())) {
        z.size();
      }
    } finally {
      Files.delete(p);
    }
  }

  @Test
  @DisplayName("a missing document fails the export before anything is written")
  void missingDocument() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(
            () ->
                transfers.export(
                    request(SedaVersion.V2_3).item(ArchiveItem.of(ref("nope"), "Acte")).build(),
                    "archiviste",
                    out))
        .isInstanceOf(DocumentNotFoundException.class);
    assertThat(out.size()).isZero();
  }

  @Test
  @DisplayName("requests are validated: SIRET key, identifiers, one tenant, no duplicates, text")
  void requestValidation() {
    ArchiveItem item = ArchiveItem.of(ref("doc"), "Acte");
    assertThatThrownBy(
            () -> request(SedaVersion.V2_3).transferringAgency("21750001600018").item(item).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("SIRET");
    assertThatThrownBy(
            () -> request(SedaVersion.V2_3).originatingAgency("2175000160001").item(item).build())
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () ->
                ArchiveTransferRequest.builder("../etc")
                    .archivalAgency("A")
                    .transferringAgency(SIRET)
                    .originatingAgency(SIRET)
                    .item(item)
                    .build())
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> request(SedaVersion.V2_3).build())
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> request(SedaVersion.V2_3).item(item).item(item).build())
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () ->
                request(SedaVersion.V2_3)
                    .item(item)
                    .item(ArchiveItem.of(DocumentRef.of("other", "c", "d"), "Acte"))
                    .build())
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ArchiveItem.of(ref("doc"), "a\u0000b"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ArchiveItem.of(ref("doc"), "a\ud800b"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ArchiveItem.of(ref("doc"), " "))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> item.withDates(LocalDate.of(2026, 1, 2), LocalDate.of(2026, 1, 1)))
        .isInstanceOf(InvalidInputException.class);
    // La Poste's establishments may follow their own key rule instead of Luhn's.
    assertThat(request(SedaVersion.V2_3).transferringAgency("35600000000015").item(item).build())
        .isNotNull();
    assertThatThrownBy(
            () -> request(SedaVersion.V2_3).transferringAgency("35600000000016").item(item).build())
        .isInstanceOf(InvalidInputException.class);
    assertThat(item.withDescription("Jean Dupont").toString()).doesNotContain("Dupont", "Acte");
    assertThat(
            request(SedaVersion.V2_3)
                .comment("Dossier de Jean Dupont")
                .item(item.withDescription("Jean Dupont"))
                .build()
                .toString())
        .doesNotContain("Dupont");
  }
}
