package fr.socle.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.testkit.contract.EicarScanner;
import java.io.ByteArrayInputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

class DocumentsBrowserIT extends BrowserTestSupport {
  @Test
  @DisplayName(
      "a citizen deposits a document, sees it listed, downloads it, verifies it and reads"
          + " the journal")
  void depositListDownloadVerifyJournal() throws Exception {
    signIn();
    browser.findElement(By.linkText("Déposer un justificatif")).click();
    assertThat(heading()).isEqualTo("Déposer un justificatif");
    assertThat(find(By.cssSelector("#documents")).isDisplayed()).isTrue();

    byte[] content = "Facture EDF de mars\n".repeat(500).getBytes(StandardCharsets.UTF_8);
    Path file = Files.createTempFile(dataDir.getParent(), "justificatif-domicile", ".txt");
    Files.write(file, content);
    find(By.id("fichier")).sendKeys(file.toString());
    browser.findElement(By.id("deposer")).click();

    assertThat(find(By.cssSelector(".alert--success")).getText())
        .contains(file.getFileName().toString())
        .contains("déposé");
    WebElement row =
        find(By.xpath("//table[@id='documents']//tr[contains(., '" + file.getFileName() + "')]"));
    assertThat(row.getText())
        .contains(file.getFileName().toString())
        .contains("Justificatif de domicile")
        .contains("9,8 Ko");

    String href = row.findElement(By.linkText("Télécharger")).getAttribute("href");
    HttpResponse<byte[]> download = getWithBrowserSession(href);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(content);
    assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment;");

    row.findElement(By.xpath(".//button[normalize-space()='Vérifier']")).click();
    assertThat(find(By.cssSelector(".alert--success")).getText())
        .contains("Intégrité vérifiée")
        .contains("intact");

    assertThat(find(By.id("journal-etat")).getText()).startsWith("Journal intègre");
    String journal = find(By.id("journal")).getText();
    assertThat(journal).contains("dépôt").contains("lecture").contains("vérification : intact");
    // The file never reaches the disk in clear.
    assertThat(storedFiles())
        .allSatisfy(
            stored ->
                assertThat(Files.readAllBytes(stored))
                    .asString(StandardCharsets.ISO_8859_1)
                    .doesNotContain("Facture EDF"));
  }

  @Test
  @DisplayName("a document altered on disk is reported, never delivered")
  void tamperedDocument() throws Exception {
    signIn();
    open("/justificatifs");
    Path file = Files.createTempFile(dataDir.getParent(), "piece-identite", ".txt");
    Files.write(file, "carte nationale d'identité".repeat(100).getBytes(StandardCharsets.UTF_8));
    find(By.id("fichier")).sendKeys(file.toString());
    browser.findElement(By.id("deposer")).click();
    WebElement row =
        find(By.xpath("//table[@id='documents']//tr[contains(., '" + file.getFileName() + "')]"));
    String href = row.findElement(By.linkText("Télécharger")).getAttribute("href");
    String id = href.replaceAll(".*/justificatifs/([^/]+)/contenu", "$1");

    Path content =
        storedFiles().stream()
            .filter(
                p -> p.toString().contains(id) && p.getFileName().toString().startsWith("content-"))
            .findFirst()
            .orElseThrow();
    content.toFile().setWritable(true);
    try (RandomAccessFile raw = new RandomAccessFile(content.toFile(), "rw")) {
      raw.seek(raw.length() / 2);
      int b = raw.read();
      raw.seek(raw.length() / 2);
      raw.write(b ^ 0x01);
    }

    row.findElement(By.xpath(".//button[normalize-space()='Vérifier']")).click();
    assertThat(find(By.cssSelector(".alert--error")).getText()).contains("altéré");
    assertThat(find(By.id("journal")).getText()).contains("vérification : ALTÉRÉ");

    HttpResponse<byte[]> download = getWithBrowserSession(href);
    assertThat(download.statusCode()).isEqualTo(500);
    assertThat(new String(download.body(), StandardCharsets.UTF_8)).contains("altéré");
  }

  @Test
  @DisplayName("forms posted without the session's token are refused (CSRF)")
  void postsWithoutToken() throws Exception {
    signIn();
    open("/justificatifs");

    HttpResponse<String> pay = postWithBrowserSession("/paiement", "");
    HttpResponse<String> verify =
        postWithBrowserSession("/justificatifs/autre-x/verifier", "_csrf=forged");

    assertThat(pay.statusCode()).isEqualTo(403);
    assertThat(pay.body()).contains("Le formulaire a expiré");
    assertThat(verify.statusCode()).isEqualTo(403);
  }

  @Test
  @DisplayName("a file over 10 MB is refused with a message, and nothing is deposited")
  void oversizedUpload() throws Exception {
    signIn();
    open("/justificatifs");
    Path big = Files.createTempFile(dataDir.getParent(), "trop-gros", ".bin");
    Files.write(big, new byte[11 * 1024 * 1024]);

    find(By.id("fichier")).sendKeys(big.toString());
    browser.findElement(By.id("deposer")).click();

    assertThat(find(By.cssSelector(".alert--error")).getText()).contains("10 Mo");
    assertThat(find(By.tagName("main")).getText()).doesNotContain(big.getFileName().toString());
  }

  @Test
  @DisplayName("the EICAR test file is refused by the antivirus with a clear message, never stored")
  void eicarRefused() throws Exception {
    signIn();
    open("/justificatifs");
    Path eicar = Files.createTempFile(dataDir.getParent(), "facture-piegee", ".txt");
    Files.write(eicar, EicarScanner.eicarTestFile());

    find(By.id("fichier")).sendKeys(eicar.toString());
    browser.findElement(By.id("deposer")).click();

    assertThat(find(By.cssSelector(".alert--error")).getText())
        .contains("Fichier refusé")
        .contains("antivirus")
        .contains(EicarScanner.THREAT);
    assertThat(find(By.id("documents")).getText()).doesNotContain(eicar.getFileName().toString());
    assertThat(find(By.id("journal")).getText()).contains("dépôt refusé par l'antivirus");
    assertThat(storedFiles())
        .noneSatisfy(
            stored ->
                assertThat(Files.readAllBytes(stored))
                    .asString(StandardCharsets.ISO_8859_1)
                    .contains("EICAR"));
  }

  @Test
  @DisplayName("'Archiver mon dossier' produces the SEDA package of the citizen's documents")
  void archiveFile() throws Exception {
    // Another citizen than the other tests': one of them tampers with a document, and a file
    // holding a tampered document is never exported.
    signInAs("avec_nom_dusage");
    open("/justificatifs");
    byte[] content = "Attestation de domicile\n".repeat(200).getBytes(StandardCharsets.UTF_8);
    Path file = Files.createTempFile(dataDir.getParent(), "attestation", ".txt");
    Files.write(file, content);
    find(By.id("fichier")).sendKeys(file.toString());
    browser.findElement(By.id("deposer")).click();
    find(By.xpath("//table[@id='documents']//tr[contains(., '" + file.getFileName() + "')]"));

    WebElement form = find(By.id("archivage"));
    assertThat(find(By.id("archiver")).getText()).isEqualTo("Archiver mon dossier (SEDA)");
    String token = form.findElement(By.cssSelector("input[name='_csrf']")).getAttribute("value");
    HttpResponse<byte[]> sip =
        postBytesWithBrowserSession("/justificatifs/archiver", "_csrf=" + token);

    assertThat(sip.statusCode()).isEqualTo(200);
    assertThat(sip.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/zip");
    assertThat(sip.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment;")
        .contains("versement-DEMO-");
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(sip.body()))) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        entries.put(e.getName(), zip.readAllBytes());
      }
    }
    assertThat(entries).containsKey("manifest.xml");
    assertThat(entries.values()).anySatisfy(bytes -> assertThat(bytes).isEqualTo(content));
    String manifest = new String(entries.get("manifest.xml"), StandardCharsets.UTF_8);
    String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    assertThat(manifest)
        .contains("fr:gouv:culture:archivesdefrance:seda:v2.3")
        .contains(">" + digest + "</MessageDigest>")
        .contains(file.getFileName().toString())
        .contains("<TransferringAgency><Identifier>21999900000009</Identifier>");

    open("/justificatifs");
    assertThat(find(By.id("journal")).getText()).contains("versement SEDA");

    HttpResponse<byte[]> forged = postBytesWithBrowserSession("/justificatifs/archiver", "_csrf=x");
    assertThat(forged.statusCode()).isEqualTo(403);
  }

  private HttpResponse<byte[]> postBytesWithBrowserSession(String path, String form)
      throws Exception {
    Cookie session = browser.manage().getCookieNamed("MAIRIE_SESSION");
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(portal.url() + path))
                .header("Cookie", session.getName() + "=" + session.getValue())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<String> postWithBrowserSession(String path, String form) throws Exception {
    Cookie session = browser.manage().getCookieNamed("MAIRIE_SESSION");
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(portal.url() + path))
                .header("Cookie", session.getName() + "=" + session.getValue())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private List<Path> storedFiles() throws Exception {
    try (Stream<Path> files = Files.walk(dataDir.resolve("coffre"))) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  private HttpResponse<byte[]> getWithBrowserSession(String url) throws Exception {
    Cookie session = browser.manage().getCookieNamed("MAIRIE_SESSION");
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Cookie", session.getName() + "=" + session.getValue())
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }
}
