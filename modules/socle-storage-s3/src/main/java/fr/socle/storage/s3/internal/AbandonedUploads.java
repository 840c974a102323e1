package fr.socle.storage.s3.internal;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Aborts the multipart uploads a dead process left behind (issue #12, item 3). */
public final class AbandonedUploads {
  private static final Logger LOG = LoggerFactory.getLogger(AbandonedUploads.class);

  private AbandonedUploads() {}

  /**
   * Aborts the uploads below a prefix started more than {@code age} ago.
   *
   * @param s3 the client
   * @param bucket the bucket
   * @param prefix the store's prefix
   * @param age the minimum age; zero aborts every pending upload below the prefix
   * @return how many uploads were aborted
   */
  public static int abort(S3Client s3, String bucket, String prefix, Duration age) {
    Instant cutoff = Instant.now().minus(age);
    int aborted = 0;
    try {
      for (var upload :
          s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix)).uploads()) {
        // Zero means every pending upload is abandoned (a single writer starting up), whatever
        // date the store reports (S3Proxy reports the listing time as the initiation date).
        boolean old =
            age.isZero() || (upload.initiated() != null && upload.initiated().isBefore(cutoff));
        if (old) {
          s3.abortMultipartUpload(
              b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
          aborted++;
        }
      }
    } catch (S3Exception e) {
      if (e.statusCode() == 501) {
        return aborted;
      }
      throw S3Errors.service("abort incomplete uploads", e);
    } catch (SdkClientException e) {
      throw S3Errors.client("cannot list incomplete S3 uploads", e);
    }
    if (aborted > 0) {
      LOG.warn("aborted {} incomplete multipart uploads left by a dead process", aborted);
    }
    return aborted;
  }
}
