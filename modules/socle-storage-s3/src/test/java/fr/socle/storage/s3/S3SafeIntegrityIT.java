package fr.socle.storage.s3;

import fr.socle.core.Secret;
import fr.socle.storage.SafeIntegrityContract;
import fr.socle.storage.spi.ObjectStore;
import java.time.Duration;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The integrity contract on S3Proxy (in-process, in-memory), whose conditional create is not
 * atomic: the same holes as on the filesystem must be closed here.
 */
class S3SafeIntegrityIT extends SafeIntegrityContract {
  private static final String BUCKET = "coffre";

  @RegisterExtension
  static final S3ProxyExtension S3_PROXY =
      S3ProxyExtension.builder()
          .withCredentials("access", "secret-access-key")
          .withBlobStoreProvider("transient")
          .build();

  private boolean bucketCreated;

  @Override
  protected ObjectStore openStore() {
    if (!bucketCreated) {
      try (S3Client raw =
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
              .build()) {
        raw.createBucket(b -> b.bucket(BUCKET));
      }
      bucketCreated = true;
    }
    return S3ObjectStore.builder()
        .endpoint(S3_PROXY.getUri())
        .region("us-east-1")
        .bucket(BUCKET)
        .prefix("safe/")
        .credentials(S3_PROXY.getAccessKey(), Secret.of(S3_PROXY.getSecretKey()))
        .partSize(S3ObjectStore.MIN_PART_SIZE)
        .connectTimeout(Duration.ofSeconds(2))
        .socketTimeout(Duration.ofSeconds(20))
        .build();
  }
}
