package fr.socle.docs;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.core.Secret;
import fr.socle.core.http.ProxySettings;
import fr.socle.storage.ArchiveItem;
import fr.socle.storage.ArchiveTransferReceipt;
import fr.socle.storage.ArchiveTransferReply;
import fr.socle.storage.ArchiveTransferRequest;
import fr.socle.storage.ArchiveTransfers;
import fr.socle.storage.ClamdScanner;
import fr.socle.storage.ContentTooLargeToScanException;
import fr.socle.storage.DepositRequest;
import fr.socle.storage.DocumentMetadata;
import fr.socle.storage.DocumentRef;
import fr.socle.storage.DocumentSafe;
import fr.socle.storage.EliminationReport;
import fr.socle.storage.FileSystemObjectStore;
import fr.socle.storage.JournalSeal;
import fr.socle.storage.JournalSealer;
import fr.socle.storage.JournalSealingKey;
import fr.socle.storage.JournalVerification;
import fr.socle.storage.LocalKeyEncryptionKeys;
import fr.socle.storage.MalwareDetectedException;
import fr.socle.storage.RetentionLockedException;
import fr.socle.storage.SafeListener;
import fr.socle.storage.ScannerUnavailableException;
import fr.socle.storage.SedaVersion;
import fr.socle.storage.s3.ChecksumMode;
import fr.socle.storage.s3.S3ObjectStore;
import fr.socle.storage.spi.ContentScanner;
import fr.socle.storage.spi.KeyEncryptionKeys;
import fr.socle.storage.spi.ObjectStore;
import fr.socle.testkit.contract.EicarScanner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/storage.md, run on temporary directories. */
class StorageGuideTest {
  static final String TENANT = "21750001600019";

  @TempDir Path temp;

  /** Stores the tests opened: the application closes what it gives the safe, the safe does not. */
  final List<ObjectStore> opened = new ArrayList<>();

  @AfterEach
  void closeStores() throws Exception {
    for (ObjectStore store : opened) {
      store.close();
    }
  }

  ObjectStore store(String dir) {
    ObjectStore store = FileSystemObjectStore.open(temp.resolve(dir));
    opened.add(store);
    return store;
  }

  DocumentSafe safe() {
    return DocumentSafe.builder()
        .objectStore(store("coffre"))
        .keyEncryptionKeys(LocalKeyEncryptionKeys.open(temp.resolve("coffre-keys")))
        .build();
  }

  static DepositRequest request(String container, String id) {
    return DepositRequest.builder(TENANT, container).id(id).depositor("agent:jdupont").build();
  }

  static InputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void quickStart_depositsReadsVerifiesAndRefusesAnEarlyDestruction() throws IOException {
    Path safeDir = temp.resolve("coffre"); // /var/lib/mairie/coffre in the guide
    Path keysDir = temp.resolve("coffre-keys"); // /etc/mairie/coffre-keys
    Path upload = Files.writeString(temp.resolve("acte-naissance.pdf"), "%PDF-1.7 acte");
    ByteArrayOutputStream httpResponseOutputStream = new ByteArrayOutputStream();
    String refusal = null;

    // snippet: storage-quick-start
    // The safe never closes the store it is given: close both, the safe first.
    try (FileSystemObjectStore store =
            FileSystemObjectStore.open(safeDir); // /var/lib/mairie/coffre
        DocumentSafe safe =
            DocumentSafe.builder()
                .objectStore(store)
                .keyEncryptionKeys(LocalKeyEncryptionKeys.open(keysDir)) // dev only, see §5
                .build()) {

      // Deposit: streamed, encrypted, fsync'ed, journaled. Memory use does not depend on the size.
      DocumentMetadata m;
      try (InputStream in = Files.newInputStream(upload)) { // the uploaded file's Path
        m =
            safe.deposit(
                DepositRequest.builder("21750001600019", "etat-civil") // tenant (SIREN), container
                    .id("acte-1987-0042") // optional: random UUID otherwise
                    .depositor("agent:jdupont")
                    .contentType("application/pdf")
                    .originalFilename("acte-naissance.pdf")
                    .retainUntil(Instant.parse("2087-01-01T00:00:00Z"))
                    .build(),
                in);
      }
      // m.digest() is the SHA-256 of the plaintext, m.version() is 1, m.size() the plaintext
      // size...

      // Read: decrypts and authenticates as it streams; checks size and digest at the end.
      try (InputStream in = safe.read(m.ref(), "agent:jdupont")) {
        in.transferTo(httpResponseOutputStream);
      }

      safe.verify(m.ref(), "auditeur"); // re-reads and checks every version
      safe.list("21750001600019", "etat-civil", "auditeur");
      safe.count("21750001600019", "etat-civil", "auditeur");
      safe.journal("21750001600019", 1, 100); // who did what, when, with which digest
      safe.verifyJournal("21750001600019"); // names the first broken entry, if any
      try {
        safe.destroy(m.ref(), "archiviste");
      } catch (RetentionLockedException e) { // before 2087
        refusal = e.getMessage();
      }
    }
    // end snippet
    assertThat(httpResponseOutputStream.toString(StandardCharsets.UTF_8))
        .isEqualTo("%PDF-1.7 acte");
    assertThat(refusal).isNotNull();
    try (DocumentSafe again = safe()) {
      assertThat(again.count(TENANT, "etat-civil", "auditeur")).isEqualTo(1);
      assertThat(again.verifyJournal(TENANT).intact()).isTrue();
    }
  }

  @Test
  void safeListener_hearsDepositsAndIntegrityFailures() {
    ObjectStore store = store("coffre");
    KeyEncryptionKeys keys = LocalKeyEncryptionKeys.open(temp.resolve("coffre-keys"));
    LongAdder deposits = new LongAdder();
    LongAdder depositedBytes = new LongAdder();
    Map<String, LongAdder> alerts = new ConcurrentHashMap<>();
    // snippet: storage-safe-listener
    DocumentSafe safe =
        DocumentSafe.builder()
            .objectStore(store)
            .keyEncryptionKeys(keys)
            .listener(
                new SafeListener() {
                  @Override
                  public void onDeposit(long bytes) {
                    deposits.increment();
                    depositedBytes.add(bytes);
                  }

                  @Override
                  public void onIntegrityFailure(String operation) {
                    alerts.computeIfAbsent(operation, o -> new LongAdder()).increment();
                  }
                })
            .build();
    // end snippet
    safe.deposit(request("etat-civil", "acte-1"), bytes("acte"));
    assertThat(deposits.sum()).isEqualTo(1);
    assertThat(depositedBytes.sum()).isEqualTo(4);
    assertThat(alerts).isEmpty();
    safe.close();
  }

  @Test
  void keyRotation_rewrapsThenRetires() {
    LocalKeyEncryptionKeys keys = LocalKeyEncryptionKeys.open(temp.resolve("keys"));
    String tenant = TENANT;
    try (DocumentSafe safe =
        DocumentSafe.builder().objectStore(store("store")).keyEncryptionKeys(keys).build()) {
      DocumentMetadata before = safe.deposit(request("actes", "a-1"), bytes("acte"));
      // snippet: storage-rotate-kek
      String newKey = keys.rotate(tenant); // LocalKeyEncryptionKeys; Vault: transit rotate
      int rewrapped = safe.rewrapKeys(tenant, "rssi"); // rewrites each envelope, not the documents
      safe.retireOldKeys(tenant, "rssi"); // proves no document needs an old key, then destroys them
      // end snippet
      assertThat(newKey).isNotBlank();
      assertThat(rewrapped).isEqualTo(1);
      assertThat(safe.verify(before.ref(), "auditeur").digest()).isEqualTo(before.digest());
    }
  }

  /**
   * The S3 example, compiled only: {@code build()} reaches the endpoint (S3ObjectStoreIT runs the
   * store against S3Proxy).
   */
  static ObjectStore scalewayStore(String accessKey, String secretKey) {
    // snippet: storage-s3
    ObjectStore store =
        S3ObjectStore.builder()
            .endpoint(URI.create("https://s3.fr-par.scw.cloud"))
            .region("fr-par")
            .bucket("mairie-coffre") // must exist; create it with object lock for WORM retention
            .prefix("coffre/") // optional, to share a bucket
            .credentials(accessKey, Secret.of(secretKey))
            .pathStyle(true) // default; every compatible store accepts it
            .checksumMode(ChecksumMode.WHEN_REQUIRED) // default; WHEN_SUPPORTED for AWS S3 itself
            .partSize(8 * 1024 * 1024) // default; also the memory buffered per upload
            .build();
    // end snippet
    return store;
  }

  /**
   * The on-premises S3 example, compiled only, like the one above (S3TlsAndProxyIT runs the store
   * behind a private CA and a proxy).
   */
  static ObjectStore onPremisesStore(
      String accessKey, String secretKey, char[] caPassword, String proxyPassword)
      throws IOException, GeneralSecurityException {
    // snippet: storage-s3-on-premises
    KeyStore privateCa = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(Path.of("/etc/mairie/ca.p12"))) {
      privateCa.load(in, caPassword);
    }
    ObjectStore store =
        S3ObjectStore.builder()
            .endpoint(URI.create("https://ceph.mairie.local"))
            .region("default")
            .bucket("coffre")
            .credentials(accessKey, Secret.of(secretKey))
            .trustStore(privateCa) // only these certificates are trusted; host names still checked
            .proxy(
                ProxySettings.http("proxy.mairie.local", 3128)
                    .withCredentials("socle", Secret.of(proxyPassword)))
            .build();
    // end snippet
    return store;
  }

  /**
   * The warm-up example, compiled only: warming the JIT up takes seconds of CPU, a minute on a
   * loaded build machine.
   */
  static Thread warmUpInTheBackground() {
    // snippet: storage-warm-up
    Thread warmUp = new Thread(DocumentSafe::warmUp, "document-safe-warm-up");
    warmUp.setDaemon(true); // Java 21: Thread.ofPlatform().daemon().start(DocumentSafe::warmUp)
    warmUp.start();
    // end snippet
    return warmUp;
  }

  final List<String> shown = new ArrayList<>();

  /** Stands for the page telling the citizen what happened to the upload. */
  void showError(String message) {
    shown.add(message);
  }

  @Test
  void malware_isRefused() {
    LocalKeyEncryptionKeys keys = LocalKeyEncryptionKeys.open(temp.resolve("keys"));
    ObjectStore store = store("store");
    // snippet: storage-clamd-scanner
    ContentScanner clamd =
        ClamdScanner.builder()
            .tcp("127.0.0.1", 3310) // or .unixSocket(Path.of("/run/clamav/clamd.ctl"))
            .maxFileSize(25L << 20) // = MaxFileSize in clamd.conf
            .streamMaxLength(25L << 20) // = StreamMaxLength in clamd.conf
            .build();
    // end snippet
    clamd = new EicarScanner(); // no clamd in this build: the test kit's scanner, same contract
    DepositRequest request = request("pieces", "upload-1");
    InputStream upload = new ByteArrayInputStream(EicarScanner.eicarTestFile());
    // snippet: storage-clamd-safe
    DocumentSafe safe =
        DocumentSafe.builder()
            .objectStore(store)
            .keyEncryptionKeys(keys)
            .contentScanner(clamd)
            .build();

    try {
      safe.deposit(request, upload);
    } catch (MalwareDetectedException e) { // e.threat(): "Win.Test.EICAR_HDB-1"...
      showError("the file was refused"); // do not retry
    } catch (ContentTooLargeToScanException e) { // e.limit(): what the scanner inspects
      showError("the file is too large");
    } catch (ScannerUnavailableException e) {
      showError("try again later"); // nothing stored; alert the operators
    }
    // end snippet
    assertThat(shown).containsExactly("the file was refused");
    assertThat(safe.count(TENANT, "pieces", "auditeur")).isZero();
    safe.close();
  }

  @Test
  void sedaTransfer_exportsThenEliminatesOnAcceptance() throws IOException {
    Path outbox = temp.resolve("outbox");
    Files.createDirectories(outbox);
    try (DocumentSafe safe = safe()) {
      safe.deposit(request("deliberations", "2026-042"), bytes("délibération"));
      // snippet: storage-seda-export
      ArchiveTransfers transfers = ArchiveTransfers.create(safe);
      ArchiveTransferRequest request =
          ArchiveTransferRequest.builder("SOCLE-2026-000001") // unique per sender
              .version(SedaVersion.V2_3) // default; V2_2 for services still on 2.2
              .archivalAgreement("IC-000001") // the service's ingest contract
              .archivalAgency("FRAD075") // the service's identifier
              .transferringAgency("21750001600019") // SIRET of the sender (14 digits, Luhn)
              .originatingAgency("21750001600019") // SIRET of the producer
              .item(
                  ArchiveItem.of(
                          DocumentRef.of("21750001600019", "deliberations", "2026-042"),
                          "Délibération n° 2026-042")
                      .withDescription("Conseil municipal du 5 décembre 2026")
                      .withDates(LocalDate.of(2026, 12, 5), LocalDate.of(2026, 12, 5)))
              .build();
      ArchiveTransferReceipt receipt;
      try (OutputStream sip = Files.newOutputStream(outbox.resolve("SOCLE-2026-000001.zip"))) {
        receipt = transfers.export(request, "archiviste:jdupont", sip);
      }
      // send the ZIP to the service; keep the receipt (a plain record) until it replies
      // end snippet
      assertThat(Files.size(outbox.resolve("SOCLE-2026-000001.zip"))).isPositive();

      InputStream replyFromTheService = bytes(acceptance("SOCLE-2026-000001"));
      // snippet: storage-seda-reply
      ArchiveTransferReply reply;
      try (InputStream in = replyFromTheService) {
        reply = ArchiveTransferReply.parse(in); // hardened: no DTD/entities, 16 MiB cap
      }
      EliminationReport report = transfers.eliminate(receipt, reply, "archiviste:jdupont");
      report.destroyed(); // the originals that were destroyed
      // end snippet
      assertThat(report.destroyed())
          .containsExactly(DocumentRef.of(TENANT, "deliberations", "2026-042"));
    }
  }

  /** An archives service's acceptance (ReplyCode 000) of a transfer, in SEDA 2.3. */
  static String acceptance(String transferId) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <ArchiveTransferReply xmlns="%s">
          <Date>2026-12-06T09:00:00</Date>
          <MessageIdentifier>ATR-2026-0001</MessageIdentifier>
          <ArchivalAgreement>IC-000001</ArchivalAgreement>
          <CodeListVersions/>
          <ReplyCode>000</ReplyCode>
          <Operation><Event><EventType>Check</EventType>\
        <EventDateTime>2026-12-06T09:00:00</EventDateTime></Event></Operation>
          <MessageRequestIdentifier>%s</MessageRequestIdentifier>
          <GrantDate>2026-12-06T09:00:00</GrantDate>
          <ArchivalAgency><Identifier>FRAD075</Identifier></ArchivalAgency>
          <TransferringAgency><Identifier>%s</Identifier></TransferringAgency>
        </ArchiveTransferReply>
        """
        .formatted(SedaVersion.V2_3.namespace(), transferId, TENANT);
  }

  final List<String> auditorInbox = new ArrayList<>();

  void sendToTheAuditor(String line) {
    auditorInbox.add(line);
  }

  @Test
  void journalSeals_detectARollback() {
    try (DocumentSafe safe = safe()) {
      safe.deposit(request("actes", "a-1"), bytes("acte"));
      // snippet: storage-journal-seal
      // Once: generate the key, keep the private keyset in a secrets manager, publish the public
      // key.
      JournalSealingKey key = JournalSealingKey.generate();
      byte[] secret = key.exportCleartextKeyset(); // secret: whoever holds it can sign seals
      byte[] publicKey = key.publicKey(); // not secret

      // Periodically (for example daily, from the application's scheduler):
      JournalSealer sealer =
          JournalSealer.create(safe, JournalSealingKey.fromCleartextKeyset(secret));
      JournalSeal seal = sealer.seal("21750001600019", "scheduler");
      sendToTheAuditor(seal.encoded()); // one line of text, out of the safe's reach
      // end snippet
      String line = auditorInbox.get(0);
      // snippet: storage-journal-verify
      // Anyone holding the last seal and the public key, at any time:
      JournalSealer.verify(safe, JournalSeal.parse(line), publicKey); // IntegrityViolationException
      // end snippet
      JournalVerification verification =
          JournalSealer.verify(safe, JournalSeal.parse(line), publicKey);
      assertThat(verification.intact()).isTrue();
    }
  }
}
