package fr.socle.examples.demo.documents;

import fr.socle.examples.demo.DemoConfig;
import fr.socle.examples.demo.Feature;
import fr.socle.examples.demo.web.Html;
import fr.socle.examples.demo.web.Layout;
import fr.socle.examples.demo.web.NavEntry;
import fr.socle.storage.ClamdScanner;
import fr.socle.storage.DocumentSafe;
import fr.socle.storage.FileSystemObjectStore;
import fr.socle.storage.LocalKeyEncryptionKeys;
import fr.socle.storage.s3.S3ObjectStore;
import fr.socle.storage.spi.ContentScanner;
import fr.socle.storage.spi.ObjectStore;
import fr.socle.testkit.contract.EicarScanner;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * "Déposer un justificatif": the citizen's documents in socle-storage's encrypted, tamper-evident
 * safe, on the local disk or an S3-compatible store; upload, list, download, verify, journal.
 */
public final class DocumentsFeature implements Feature {
  /** The collectivité: one tenant, one key-encryption key, one journal. */
  static final String TENANT = "mairie-de-demo";

  /** The demo mairie's SIRET (fictitious, with a valid key), sender and producer of transfers. */
  static final String SIRET = "21999900000009";

  /** The archiving service that would receive the transfers (fictitious). */
  static final String ARCHIVAL_AGENCY = "FRAD999";

  /** The archiving service's ingest contract for the demo (fictitious). */
  static final String ARCHIVAL_AGREEMENT = "IC-DEMO-0001";

  /** Largest accepted upload. */
  static final long MAX_BYTES = 10L * 1024 * 1024;

  private final ObjectStore store;
  private final DocumentSafe safe;
  private final String description;
  private final Path tempDir;

  private DocumentsFeature(ObjectStore store, DocumentSafe safe, String description, Path tempDir) {
    this.store = store;
    this.safe = safe;
    this.description = description;
    this.tempDir = tempDir;
  }

  /**
   * Opens the document safe of the configuration: S3 if configured, else the filesystem under
   * {@code storageDir/coffre}; the key-encryption keys are local files under {@code
   * storageDir/cles} either way (a production deployment would use a KMS or an HSM through the
   * {@code KeyEncryptionKeys} SPI).
   *
   * @param config the configuration
   * @return the feature
   */
  public static DocumentsFeature open(DemoConfig config) {
    Path dir = config.storageDir().toAbsolutePath();
    ObjectStore store;
    String where;
    if (config.s3().isPresent()) {
      DemoConfig.S3 s3 = config.s3().get();
      store =
          S3ObjectStore.builder()
              .endpoint(s3.endpoint())
              .region(s3.region())
              .bucket(s3.bucket())
              .credentials(s3.accessKey(), s3.secretKey())
              .pathStyle(true)
              .build();
      where = "stockage S3 " + s3.endpoint() + ", compartiment " + s3.bucket();
    } else {
      store = FileSystemObjectStore.open(dir.resolve("coffre"));
      where = "disque local " + dir.resolve("coffre");
    }
    // Uploads are scanned while they stream, before they are stored: by clamd when configured,
    // else by the test scanner of socle-testkit-contracts, which knows only the EICAR test file.
    ContentScanner scanner =
        config
            .clamd()
            .<ContentScanner>map(c -> ClamdScanner.builder().tcp(c.host(), c.port()).build())
            .orElseGet(EicarScanner::new);
    DocumentSafe safe;
    try {
      safe =
          DocumentSafe.builder()
              .objectStore(store)
              .keyEncryptionKeys(LocalKeyEncryptionKeys.open(dir.resolve("cles")))
              .contentScanner(scanner)
              .build();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return new DocumentsFeature(
        store,
        safe,
        "Coffre-fort de documents : chiffré (AES-256-GCM), journal chaîné, "
            + where
            + ", antivirus "
            + config.clamd().map(c -> "clamd " + c.host() + ":" + c.port()).orElse("simulé (EICAR)")
            + ", versement SEDA 2.3 (socle-storage)",
        dir.resolve("tmp"));
  }

  @Override
  public void register(ServletContextHandler context, Layout layout) {
    ServletHolder holder = new ServletHolder(new DocumentsServlet(layout, safe));
    // Uploads above 256 KiB go to a temporary file, never whole into memory.
    holder
        .getRegistration()
        .setMultipartConfig(
            new MultipartConfigElement(
                tempDir.toString(), MAX_BYTES, MAX_BYTES + 64 * 1024, 256 * 1024));
    tempDir.toFile().mkdirs();
    context.addServlet(holder, "/justificatifs");
    context.addServlet(holder, "/justificatifs/*");
    layout.addNav(new NavEntry("/justificatifs", "Déposer un justificatif", true));
  }

  @Override
  public Html homeCard(HttpServletRequest request) {
    return new Html(
        "<div class=\"card\"><h3>Déposer un justificatif</h3>"
            + "<p>Justificatif de domicile, pièce d'identité : vos documents sont chiffrés et"
            + " chaque accès est inscrit dans un journal infalsifiable.</p>"
            + "<a class=\"button\" href=\"/justificatifs\">Déposer un justificatif</a></div>");
  }

  @Override
  public List<String> describe() {
    return List.of(description);
  }

  @Override
  public void close() {
    // The safe never closes the store it was given: the feature opened it, the feature closes it.
    safe.close();
    store.close();
  }
}
