package fr.socle.storage.s3.internal;

import fr.socle.storage.spi.ObjectLockedException;
import fr.socle.storage.spi.RetentionMode;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectLockConfigurationResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The bucket's object lock: detection, legal hold, retention, and deletion of every version of an
 * object (object lock implies versioning). Thread-safe.
 */
public final class ObjectLock {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectLock.class);

  private final S3Client s3;
  private final String bucket;
  private final boolean enabled;

  private ObjectLock(S3Client s3, String bucket, boolean enabled) {
    this.s3 = s3;
    this.bucket = bucket;
    this.enabled = enabled;
  }

  /**
   * Asks the bucket whether it has object lock; called once when the store is built.
   *
   * @param s3 the client
   * @param bucket the bucket
   * @return the bucket's object lock
   */
  public static ObjectLock detect(S3Client s3, String bucket) {
    try {
      GetObjectLockConfigurationResponse r = s3.getObjectLockConfiguration(b -> b.bucket(bucket));
      boolean enabled =
          r.objectLockConfiguration() != null
              && r.objectLockConfiguration().objectLockEnabled() == ObjectLockEnabled.ENABLED;
      LOG.debug("object lock on bucket: {}", enabled ? "enabled" : "not enabled");
      return new ObjectLock(s3, bucket, enabled);
    } catch (S3Exception e) {
      // 404 ObjectLockConfigurationNotFoundError (not enabled), 501 NotImplemented, or 400/405
      // from stores that do not know the subresource: the store does not enforce retention.
      // Anything else (403 without s3:GetBucketObjectLockConfiguration, a proxy's 407, a 5xx)
      // says nothing about the bucket: fail closed rather than run as if it had no lock.
      int status = e.statusCode();
      if (status == 404 || status == 501 || status == 400 || status == 405) {
        LOG.debug("object lock not available on bucket: HTTP {}", status);
        return new ObjectLock(s3, bucket, false);
      }
      throw S3Errors.service("get object lock configuration", e);
    } catch (SdkClientException e) {
      throw S3Errors.client("cannot reach the S3 endpoint", e);
    }
  }

  /**
   * Whether the bucket enforces retention and legal holds.
   *
   * @return true when object lock is enabled
   */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Deletes an object; with object lock, every version and delete marker of it, since a plain
   * delete would only add a delete marker and keep every version (and its data) behind it.
   *
   * @param fullKey the key, prefix included
   * @param key the key as the caller knows it, for messages
   */
  public void delete(String fullKey, String key) {
    try {
      if (enabled) {
        for (var v :
            s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(fullKey)).versions()) {
          if (v.key().equals(fullKey)) {
            s3.deleteObject(b -> b.bucket(bucket).key(fullKey).versionId(v.versionId()));
          }
        }
        for (var m :
            s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(fullKey)).deleteMarkers()) {
          if (m.key().equals(fullKey)) {
            s3.deleteObject(b -> b.bucket(bucket).key(fullKey).versionId(m.versionId()));
          }
        }
      } else {
        s3.deleteObject(b -> b.bucket(bucket).key(fullKey));
      }
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return;
      }
      if (enabled && e.statusCode() == 403) {
        throw new ObjectLockedException("the store refuses to delete " + key);
      }
      throw S3Errors.service("delete", e);
    } catch (SdkClientException e) {
      throw S3Errors.client("cannot delete object " + key + " from S3", e);
    }
  }

  /**
   * Places or releases a legal hold.
   *
   * @param fullKey the key, prefix included
   * @param on true to hold
   */
  public void legalHold(String fullKey, boolean on) {
    ObjectLockLegalHoldStatus status =
        on ? ObjectLockLegalHoldStatus.ON : ObjectLockLegalHoldStatus.OFF;
    S3Errors.call(
        "put legal hold",
        () ->
            s3.putObjectLegalHold(
                b -> b.bucket(bucket).key(fullKey).legalHold(h -> h.status(status))));
  }

  /**
   * Extends a retention.
   *
   * @param fullKey the key, prefix included
   * @param until the new date
   * @param mode the mode
   */
  public void extendRetention(String fullKey, Instant until, RetentionMode mode) {
    ObjectLockRetentionMode s3Mode = ObjectLockRetentionMode.fromValue(mode.name());
    S3Errors.call(
        "put retention",
        () ->
            s3.putObjectRetention(
                b ->
                    b.bucket(bucket)
                        .key(fullKey)
                        .retention(r -> r.mode(s3Mode).retainUntilDate(until))));
  }
}
