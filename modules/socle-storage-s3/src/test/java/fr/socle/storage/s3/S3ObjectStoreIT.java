package fr.socle.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.core.Secret;
import fr.socle.core.SocleClientException;
import fr.socle.storage.DepositRequest;
import fr.socle.storage.DocumentMetadata;
import fr.socle.storage.DocumentNotFoundException;
import fr.socle.storage.DocumentRef;
import fr.socle.storage.DocumentSafe;
import fr.socle.storage.IntegrityViolationException;
import fr.socle.storage.LocalKeyEncryptionKeys;
import fr.socle.storage.spi.ObjectExistsException;
import fr.socle.storage.spi.ObjectNotFoundException;
import fr.socle.storage.spi.ObjectWriter;
import fr.socle.storage.spi.WriteOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Against S3Proxy running in-process (transient, in-memory blob store). */
class S3ObjectStoreIT {
  private static final String BUCKET = "coffre";
  private static final int MIB = 1 << 20;

  @RegisterExtension
  static final S3ProxyExtension S3_PROXY =
      S3ProxyExtension.builder()
          .withCredentials("access", "secret-access-key")
          .withBlobStoreProvider("transient")
          .build();

  @TempDir Path dir;
  S3Client raw;
  S3ObjectStore store;

  @BeforeEach
  void setUp() {
    raw =
        S3Client.builder()
            .endpointOverride(S3_PROXY.getUri())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClientBuilder(Apache5HttpClient.builder())
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(S3_PROXY.getAccessKey(), S3_PROXY.getSecretKey())))
            .build();
    raw.createBucket(b -> b.bucket(BUCKET));
    store = newStore(S3_PROXY.getUri(), "socle/");
  }

  private S3ObjectStore newStore(URI endpoint, String prefix) {
    return S3ObjectStore.builder()
        .endpoint(endpoint)
        .region("us-east-1")
        .bucket(BUCKET)
        .prefix(prefix)
        .credentials(S3_PROXY.getAccessKey(), Secret.of(S3_PROXY.getSecretKey()))
        .partSize(S3ObjectStore.MIN_PART_SIZE)
        .connectTimeout(Duration.ofSeconds(2))
        .socketTimeout(Duration.ofSeconds(20))
        .build();
  }

  @AfterEach
  void tearDown() {
    store.close();
    raw.close();
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  private byte[] get(String key) throws Exception {
    try (InputStream in = store.get(key)) {
      return in.readAllBytes();
    }
  }

  /** The ciphertext of a version is named after the deposit attempt that wrote it. */
  private String ciphertextKey(String versionPrefix) {
    return raw.listObjectsV2(b -> b.bucket(BUCKET).prefix(versionPrefix + "content-"))
        .contents()
        .get(0)
        .key();
  }

  private int pendingUploads() {
    return raw.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().size();
  }

  @Test
  void capabilities_whenBucketHasNoObjectLock_reportsNone() {
    assertThat(store.capabilities().objectLock()).isFalse();
    assertThat(store.capabilities().description()).contains(BUCKET);
  }

  @Test
  void putGetListDelete_roundTripBelowThePrefix() throws Exception {
    store.put("t/a/1", "one".getBytes(), WriteOptions.replace());
    store.put("t/a/2", "two".getBytes(), WriteOptions.replace());
    store.put("t/b", "three".getBytes(), WriteOptions.replace());

    assertThat(get("t/a/1")).isEqualTo("one".getBytes());
    assertThat(store.list("t/a/")).containsExactly("t/a/1", "t/a/2");
    assertThat(store.list("t/")).containsExactly("t/a/1", "t/a/2", "t/b");
    assertThat(raw.listObjectsV2(b -> b.bucket(BUCKET)).contents())
        .allMatch(o -> o.key().startsWith("socle/"));

    store.delete("t/a/1");
    store.delete("t/a/1");
    assertThatThrownBy(() -> store.get("t/a/1")).isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  void openWriter_whenLargerThanOnePart_usesMultipartAndLeavesNoPendingUpload() throws Exception {
    byte[] content = random(12 * MIB + 5, 1);
    try (ObjectWriter w = store.openWriter("big", WriteOptions.writeOnce())) {
      for (int off = 0; off < content.length; off += 100_000) {
        w.write(content, off, Math.min(100_000, content.length - off));
      }
      w.commit();
    }

    assertThat(get("big")).isEqualTo(content);
    assertThat(pendingUploads()).isZero();
  }

  @Test
  void openWriter_whenClosedWithoutCommitMidway_abortsTheUploadAndLeavesNothing() {
    try (ObjectWriter w = store.openWriter("abandoned", WriteOptions.writeOnce())) {
      w.write(random(11 * MIB, 2));
      assertThat(pendingUploads()).isEqualTo(1);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }

    assertThat(pendingUploads()).isZero();
    assertThatThrownBy(() -> store.get("abandoned")).isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  void build_whenAMultipartUploadWasAbandonedLongAgo_abortsItAndKeepsRecentOnes() {
    raw.createMultipartUpload(b -> b.bucket(BUCKET).key("socle/dead-process"));
    store.close();

    store =
        S3ObjectStore.builder()
            .endpoint(S3_PROXY.getUri())
            .region("us-east-1")
            .bucket(BUCKET)
            .prefix("socle/")
            .credentials(S3_PROXY.getAccessKey(), Secret.of(S3_PROXY.getSecretKey()))
            .build();
    assertThat(pendingUploads()).as("younger than the default day: may be alive").isEqualTo(1);
    store.close();

    store =
        S3ObjectStore.builder()
            .endpoint(S3_PROXY.getUri())
            .region("us-east-1")
            .bucket(BUCKET)
            .prefix("socle/")
            .credentials(S3_PROXY.getAccessKey(), Secret.of(S3_PROXY.getSecretKey()))
            .abortUploadsOlderThan(Duration.ZERO)
            .build();
    assertThat(pendingUploads()).isZero();
  }

  @Test
  void put_whenWriteOnceAndKeyExists_refuses() throws Exception {
    store.put("once", "first".getBytes(), WriteOptions.writeOnce());

    assertThatThrownBy(() -> store.put("once", "second".getBytes(), WriteOptions.writeOnce()))
        .isInstanceOf(ObjectExistsException.class);
    assertThat(get("once")).isEqualTo("first".getBytes());
  }

  @Test
  void keys_whenMalformed_areRejectedAsInvalidInputBeforeAnyRequest() {
    for (String key :
        new String[] {"../other", "/abs", "a//b", "a/", "", "A", "a/.", "a/-b", "é"}) {
      assertThatThrownBy(() -> store.get(key))
          .as(key)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith("key must be");
      assertThatThrownBy(() -> store.openWriter(key, WriteOptions.replace()))
          .as(key)
          .isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> store.delete(key)).as(key).isInstanceOf(InvalidInputException.class);
    }
    assertThatThrownBy(() -> store.list("../")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> store.list("/t")).isInstanceOf(InvalidInputException.class);
    assertThat(raw.listObjectsV2(b -> b.bucket(BUCKET)).contents()).isEmpty();
  }

  @Test
  void nullArguments_throwNullPointerExceptionNamingTheParameter() {
    assertThatThrownBy(() -> store.get(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("key");
    assertThatThrownBy(() -> store.list(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("prefix");
    assertThatThrownBy(() -> store.openWriter("k", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("options");
    assertThatThrownBy(() -> store.abortIncompleteUploads(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("age");
    assertThatThrownBy(() -> store.abortIncompleteUploads(Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void build_whenEndpointUnreachable_failsFast() {
    assertThatThrownBy(() -> newStore(URI.create("http://127.0.0.1:9"), ""))
        .isInstanceOf(SocleClientException.class);
  }

  @Test
  void documentSafe_onS3_depositsReadsVerifiesAndDetectsTampering() throws Exception {
    // The safe never closes the store it was given: the test opened it, the test closes it.
    try (S3ObjectStore safeStore = newStore(S3_PROXY.getUri(), "safe/");
        DocumentSafe safe =
            DocumentSafe.builder()
                .objectStore(safeStore)
                .keyEncryptionKeys(LocalKeyEncryptionKeys.open(dir.resolve("keys")))
                .build()) {
      byte[] big = random(11 * MIB + 3, 3);
      DocumentMetadata a =
          safe.deposit(
              DepositRequest.builder("mairie", "actes").id("a").depositor("agent").build(),
              new ByteArrayInputStream(big));
      DocumentMetadata b =
          safe.deposit(
              DepositRequest.builder("mairie", "actes").id("b").depositor("agent").build(),
              new ByteArrayInputStream("small".getBytes()));

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      safe.readTo(a.ref(), "agent", out);
      assertThat(out.toByteArray()).isEqualTo(big);
      assertThat(safe.verify(b.ref(), "agent")).isEqualTo(b);
      assertThat(safe.count("mairie", "actes", "agent")).isEqualTo(2);
      assertThat(pendingUploads()).isZero();

      // Someone with bucket credentials swaps the two ciphertexts.
      String keyA = ciphertextKey("safe/t/mairie/c/actes/d/a/v0000000001/");
      String keyB = ciphertextKey("safe/t/mairie/c/actes/d/b/v0000000001/");
      byte[] ca = raw.getObjectAsBytes(r -> r.bucket(BUCKET).key(keyA)).asByteArray();
      byte[] cb = raw.getObjectAsBytes(r -> r.bucket(BUCKET).key(keyB)).asByteArray();
      raw.putObject(r -> r.bucket(BUCKET).key(keyA), RequestBody.fromBytes(cb));
      raw.putObject(r -> r.bucket(BUCKET).key(keyB), RequestBody.fromBytes(ca));

      assertThatThrownBy(() -> safe.verify(a.ref(), "agent"))
          .isInstanceOf(IntegrityViolationException.class);
      assertThatThrownBy(() -> safe.verify(b.ref(), "agent"))
          .isInstanceOf(IntegrityViolationException.class);

      safe.destroy(b.ref(), "archiviste");
      assertThatThrownBy(() -> safe.metadata(DocumentRef.of("mairie", "actes", "b"), "agent"))
          .isInstanceOf(DocumentNotFoundException.class);
      assertThat(safe.verifyJournal("mairie").intact()).isTrue();
    }
  }
}
