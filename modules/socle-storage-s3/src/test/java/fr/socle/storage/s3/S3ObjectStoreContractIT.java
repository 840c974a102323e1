package fr.socle.storage.s3;

import fr.socle.core.Secret;
import fr.socle.storage.spi.ObjectStore;
import fr.socle.testkit.contract.ObjectStoreContract;
import java.time.Duration;
import java.util.UUID;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The object-store contract on S3 (S3Proxy in-process, in-memory blob store), below a fresh key
 * prefix per test. S3Proxy's transient store has no object lock, so the lock tests are skipped
 * here; they run on the in-memory store, which models S3 Object Lock. Its {@code If-None-Match: *}
 * is not atomic either (two racing creators can both succeed), so the write-once race is skipped
 * too; the filesystem and in-memory stores run it.
 */
class S3ObjectStoreContractIT extends ObjectStoreContract {
  private static final String BUCKET = "contract";

  @RegisterExtension
  static final S3ProxyExtension S3_PROXY =
      S3ProxyExtension.builder()
          .withCredentials("access", "secret-access-key")
          .withBlobStoreProvider("transient")
          .build();

  @Override
  protected boolean writeOnceIsAtomic() {
    return false;
  }

  @Override
  protected ObjectStore createStore() {
    try (S3Client raw =
        S3Client.builder()
            .endpointOverride(S3_PROXY.getUri())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .httpClientBuilder(Apache5HttpClient.builder())
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(S3_PROXY.getAccessKey(), S3_PROXY.getSecretKey())))
            .build()) {
      if (raw.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET))) {
        raw.createBucket(b -> b.bucket(BUCKET));
      }
    }
    return S3ObjectStore.builder()
        .endpoint(S3_PROXY.getUri())
        .region("us-east-1")
        .bucket(BUCKET)
        .prefix("run-" + UUID.randomUUID() + "/")
        .credentials(S3_PROXY.getAccessKey(), Secret.of(S3_PROXY.getSecretKey()))
        .partSize(S3ObjectStore.MIN_PART_SIZE)
        .connectTimeout(Duration.ofSeconds(2))
        .socketTimeout(Duration.ofSeconds(20))
        .build();
  }
}
