package fr.socle.storage.s3;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.core.Secret;
import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The builder fails Socle's one way (docs/core.md, "Errors: one rule"), before any request. */
class S3ObjectStoreBuilderTest {

  @Test
  void build_whenBucketMissing_namesTheSetterToCall() {
    assertThatThrownBy(
            () -> S3ObjectStore.builder().credentials("access", Secret.of("secret")).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("bucket is required: call bucket(...)");
  }

  @Test
  void build_whenCredentialsMissing_namesTheSetterToCall() {
    assertThatThrownBy(() -> S3ObjectStore.builder().bucket("coffre").build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("credentials are required: call credentials(...)");
  }

  @Test
  void setters_whenGivenNull_throwNullPointerExceptionNamingTheParameter() {
    S3ObjectStore.Builder b = S3ObjectStore.builder();
    assertThatThrownBy(() -> b.endpoint(null)).hasMessage("endpoint");
    assertThatThrownBy(() -> b.region(null)).hasMessage("region");
    assertThatThrownBy(() -> b.bucket(null)).hasMessage("bucket");
    assertThatThrownBy(() -> b.prefix(null)).hasMessage("prefix");
    assertThatThrownBy(() -> b.credentials(null, Secret.of("s"))).hasMessage("accessKey");
    assertThatThrownBy(() -> b.credentials("a", null)).hasMessage("secretKey");
    assertThatThrownBy(() -> b.checksumMode(null)).hasMessage("checksumMode");
    assertThatThrownBy(() -> b.connectTimeout(null)).hasMessage("connectTimeout");
    assertThatThrownBy(() -> b.socketTimeout(null)).hasMessage("socketTimeout");
    assertThatThrownBy(() -> b.deadline(null)).hasMessage("deadline");
    assertThatThrownBy(() -> b.trustStore(null)).hasMessage("trustStore");
    assertThatThrownBy(() -> b.proxy(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("proxy");
  }

  @Test
  void setters_whenGivenBadValues_throwInvalidInputNamingTheSetting() {
    S3ObjectStore.Builder b = S3ObjectStore.builder();
    assertInvalid(() -> b.endpoint(URI.create("ftp://s3.example")), "endpoint");
    assertInvalid(() -> b.endpoint(URI.create("s3.example")), "endpoint");
    assertInvalid(() -> b.region(" "), "region");
    assertInvalid(() -> b.bucket(""), "bucket");
    assertInvalid(() -> b.prefix("coffre"), "prefix");
    assertInvalid(() -> b.prefix("/coffre/"), "prefix");
    assertInvalid(() -> b.credentials(" ", Secret.of("s")), "accessKey");
    assertInvalid(() -> b.partSize(S3ObjectStore.MIN_PART_SIZE - 1), "partSize");
    assertInvalid(() -> b.connectTimeout(Duration.ZERO), "connectTimeout");
    assertInvalid(() -> b.socketTimeout(Duration.ofSeconds(-1)), "socketTimeout");
    assertInvalid(() -> b.deadline(Duration.ZERO), "deadline");
    assertInvalid(() -> b.maxConnections(0), "maxConnections");
    assertInvalid(() -> b.abortUploadsOlderThan(Duration.ofDays(-1)), "abortUploadsOlderThan");
  }

  @Test
  void trustStore_whenNotLoadedOrEmpty_isRefused() throws Exception {
    KeyStore notLoaded = KeyStore.getInstance("PKCS12");
    assertInvalid(() -> S3ObjectStore.builder().trustStore(notLoaded), "trustStore");
    KeyStore empty = KeyStore.getInstance("PKCS12");
    empty.load(null, null);
    assertInvalid(() -> S3ObjectStore.builder().trustStore(empty), "trustStore");
  }

  private static void assertInvalid(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String setting) {
    assertThatThrownBy(call)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(setting);
  }
}
