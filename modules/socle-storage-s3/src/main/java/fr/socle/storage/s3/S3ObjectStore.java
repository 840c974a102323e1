package fr.socle.storage.s3;

import fr.socle.core.Secret;
import fr.socle.core.SocleClientException;
import fr.socle.core.SocleServiceException;
import fr.socle.core.SocleTimeoutException;
import fr.socle.storage.spi.ObjectExistsException;
import fr.socle.storage.spi.ObjectKeys;
import fr.socle.storage.spi.ObjectLockedException;
import fr.socle.storage.spi.ObjectNotFoundException;
import fr.socle.storage.spi.ObjectStore;
import fr.socle.storage.spi.ObjectWriter;
import fr.socle.storage.spi.RetentionMode;
import fr.socle.storage.spi.StoreCapabilities;
import fr.socle.storage.spi.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectLockConfigurationResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * An {@link ObjectStore} on an S3-compatible bucket (AWS S3, Ceph RGW, Garage, MinIO, OVHcloud,
 * Scaleway, Outscale...), through the AWS SDK v2 synchronous client on Apache HttpClient 5.
 *
 * <p>Large objects are uploaded in parts of {@link Builder#partSize(int)} bytes (one part buffered
 * at a time, so memory stays constant whatever the size); a failed or abandoned upload is aborted
 * so no incomplete upload keeps costing storage. Write-once objects are written with {@code
 * If-None-Match: *}. Object lock (retention in COMPLIANCE or GOVERNANCE mode, legal hold) is used
 * when the bucket has it enabled, which is detected once when the store is built.
 *
 * <p>Thread-safe; build one per bucket and share it.
 *
 * <pre>{@code
 * ObjectStore store = S3ObjectStore.builder()
 *     .endpoint(URI.create("https://s3.fr-par.scw.cloud"))
 *     .region("fr-par")
 *     .bucket("mairie-coffre")
 *     .credentials("SCWXXXXXXXX", Secret.of(System.getenv("S3_SECRET_KEY")))
 *     .build();
 * }</pre>
 */
public final class S3ObjectStore implements ObjectStore {
  private static final Logger LOG = LoggerFactory.getLogger(S3ObjectStore.class);

  /** S3's smallest allowed part (except the last). */
  public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final int partSize;
  private final boolean objectLock;

  /** Default deadline of one HTTP exchange with the store. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(5);

  private S3ObjectStore(S3Client s3, Builder b) {
    this.s3 = s3;
    this.bucket = b.bucket;
    this.prefix = b.prefix;
    this.partSize = b.partSize;
    this.objectLock = detectObjectLock();
    if (b.abandonedUploadAge != null) {
      abortIncompleteUploads(b.abandonedUploadAge);
    }
  }

  /**
   * Aborts the multipart uploads below this store's prefix that were started more than {@code age}
   * ago: uploads a process left behind when it died mid-upload (a live process aborts its own
   * failed uploads). Called when the store is built with {@link Builder#abortUploadsOlderThan}. A
   * lifecycle rule on the bucket ({@code AbortIncompleteMultipartUpload}) is the belt to these
   * braces where the provider supports it.
   *
   * @param age the minimum age of an upload to abort, longer than any upload can take; zero aborts
   *     every pending upload below the prefix
   * @return how many uploads were aborted
   */
  public int abortIncompleteUploads(Duration age) {
    Objects.requireNonNull(age, "age");
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
      throw service("abort incomplete uploads", e);
    } catch (SdkClientException e) {
      throw new SocleClientException("cannot list incomplete S3 uploads", e);
    }
    if (aborted > 0) {
      LOG.warn("aborted {} incomplete multipart uploads left by a dead process", aborted);
    }
    return aborted;
  }

  /**
   * Starts building a store.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  private boolean detectObjectLock() {
    try {
      GetObjectLockConfigurationResponse r = s3.getObjectLockConfiguration(b -> b.bucket(bucket));
      boolean enabled =
          r.objectLockConfiguration() != null
              && r.objectLockConfiguration().objectLockEnabled() == ObjectLockEnabled.ENABLED;
      LOG.debug("object lock on bucket: {}", enabled ? "enabled" : "not enabled");
      return enabled;
    } catch (S3Exception e) {
      // 404 ObjectLockConfigurationNotFoundError (not enabled) or 501 NotImplemented (store
      // without object lock): either way the store does not enforce retention.
      LOG.debug("object lock not available on bucket: HTTP {}", e.statusCode());
      return false;
    } catch (SdkClientException e) {
      throw clientError("cannot reach the S3 endpoint", e);
    }
  }

  @Override
  public StoreCapabilities capabilities() {
    return new StoreCapabilities(objectLock, "s3 bucket " + bucket);
  }

  @Override
  public ObjectWriter openWriter(String key, WriteOptions options) {
    String k = fullKey(key);
    // Checked here, not when the first part leaves: a null must fail before any upload starts.
    return new PartWriter(k, Objects.requireNonNull(options, "options"));
  }

  @Override
  public InputStream get(String key) {
    String k = fullKey(key);
    try {
      return s3.getObject(b -> b.bucket(bucket).key(k));
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw new ObjectNotFoundException("no object " + key);
      }
      throw service("get", e);
    } catch (SdkClientException e) {
      throw clientError("cannot read object " + key + " from S3", e);
    }
  }

  @Override
  public List<String> list(String keyPrefix) {
    String p = prefix + ObjectKeys.requireValidPrefix(keyPrefix);
    List<String> keys = new ArrayList<>();
    call(
        "list",
        () -> {
          for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(p)).contents()) {
            keys.add(o.key().substring(prefix.length()));
          }
          return null;
        });
    keys.sort(null);
    return keys;
  }

  @Override
  public void delete(String key) {
    String k = fullKey(key);
    try {
      if (objectLock) {
        // Object lock implies versioning: a plain delete would only add a delete marker and keep
        // every version (and its data) behind it. Delete each version explicitly.
        for (var v : s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(k)).versions()) {
          if (v.key().equals(k)) {
            s3.deleteObject(b -> b.bucket(bucket).key(k).versionId(v.versionId()));
          }
        }
        for (var m :
            s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(k)).deleteMarkers()) {
          if (m.key().equals(k)) {
            s3.deleteObject(b -> b.bucket(bucket).key(k).versionId(m.versionId()));
          }
        }
      } else {
        s3.deleteObject(b -> b.bucket(bucket).key(k));
      }
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return;
      }
      if (objectLock && e.statusCode() == 403) {
        throw new ObjectLockedException("the store refuses to delete " + key);
      }
      throw service("delete", e);
    } catch (SdkClientException e) {
      throw clientError("cannot delete object " + key + " from S3", e);
    }
  }

  @Override
  public void legalHold(String key, boolean on) {
    String k = fullKey(key);
    call(
        "put legal hold",
        () ->
            s3.putObjectLegalHold(
                b ->
                    b.bucket(bucket)
                        .key(k)
                        .legalHold(
                            h ->
                                h.status(
                                    on
                                        ? ObjectLockLegalHoldStatus.ON
                                        : ObjectLockLegalHoldStatus.OFF))));
  }

  @Override
  public void extendRetention(String key, Instant until, RetentionMode mode) {
    String k = fullKey(key);
    call(
        "put retention",
        () ->
            s3.putObjectRetention(
                b ->
                    b.bucket(bucket)
                        .key(k)
                        .retention(
                            r ->
                                r.mode(ObjectLockRetentionMode.fromValue(mode.name()))
                                    .retainUntilDate(until))));
  }

  @Override
  public void close() {
    s3.close();
  }

  @Override
  public String toString() {
    return "S3ObjectStore[bucket=" + bucket + "]";
  }

  private String fullKey(String key) {
    // The one key grammar of every store (ObjectStoreContract pins it).
    return prefix + ObjectKeys.requireValid(key);
  }

  private <T> T call(String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (S3Exception e) {
      throw service(what, e);
    } catch (SdkClientException e) {
      throw clientError("S3 " + what + " failed", e);
    } catch (SdkException e) {
      throw new SocleClientException("S3 " + what + " failed", e);
    }
  }

  /** A call past its deadline is a timeout (outcome unknown), not a generic client error. */
  private static SocleClientException clientError(String what, SdkClientException e) {
    if (e instanceof ApiCallAttemptTimeoutException || e instanceof ApiCallTimeoutException) {
      return new SocleTimeoutException(what + ": deadline exceeded", e);
    }
    return new SocleClientException(what, e);
  }

  private static SocleServiceException service(String what, S3Exception e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return new SocleServiceException("S3 " + what + " failed", e.statusCode(), code, e.requestId());
  }

  private static String md5(byte[] bytes, int length) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(bytes, 0, length);
      return Base64.getEncoder().encodeToString(md5.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Buffers one part at a time; single PutObject when the object fits in one part. */
  private final class PartWriter extends ObjectWriter {
    private final String key;
    private final WriteOptions options;
    private final boolean lock;
    private final byte[] buffer = new byte[partSize];
    private final List<CompletedPart> parts = new ArrayList<>();
    private int used;
    private String uploadId;
    private boolean done;

    PartWriter(String key, WriteOptions options) {
      this.key = key;
      this.options = options;
      this.lock = objectLock && (options.retainUntil().isPresent() || options.legalHold());
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (done) {
        throw new IOException("writer closed");
      }
      while (len > 0) {
        if (used == buffer.length) {
          uploadPart();
        }
        int n = Math.min(len, buffer.length - used);
        System.arraycopy(b, off, buffer, used, n);
        used += n;
        off += n;
        len -= n;
      }
    }

    private void uploadPart() throws IOException {
      try {
        if (uploadId == null) {
          CreateMultipartUploadRequest.Builder create =
              CreateMultipartUploadRequest.builder().bucket(bucket).key(key);
          if (lock) {
            options
                .retainUntil()
                .ifPresent(
                    until ->
                        create
                            .objectLockMode(
                                ObjectLockMode.fromValue(options.retentionMode().name()))
                            .objectLockRetainUntilDate(until));
            if (options.legalHold()) {
              create.objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON);
            }
          }
          uploadId = s3.createMultipartUpload(create.build()).uploadId();
        }
        int partNumber = parts.size() + 1;
        UploadPartRequest.Builder part =
            UploadPartRequest.builder()
                .bucket(bucket)
                .key(key)
                .uploadId(uploadId)
                .partNumber(partNumber)
                .contentLength((long) used);
        if (lock) {
          part.contentMD5(md5(buffer, used));
        }
        String etag =
            s3.uploadPart(
                    part.build(), RequestBody.fromBytes(java.util.Arrays.copyOf(buffer, used)))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        used = 0;
      } catch (SdkException e) {
        abort();
        throw new IOException("S3 multipart upload failed", e);
      }
    }

    @Override
    public void commit() throws IOException {
      if (done) {
        throw new IOException("writer closed");
      }
      try {
        if (uploadId == null) {
          putSingle();
        } else {
          if (used > 0 || parts.isEmpty()) {
            uploadPart();
          }
          s3.completeMultipartUpload(
              b -> {
                b.bucket(bucket)
                    .key(key)
                    .uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build());
                if (options.createOnly()) {
                  b.ifNoneMatch("*");
                }
              });
        }
        done = true;
      } catch (S3Exception e) {
        abort();
        if (e.statusCode() == 412 || e.statusCode() == 409) {
          throw new ObjectExistsException("object already exists");
        }
        throw new IOException("S3 upload failed: HTTP " + e.statusCode(), e);
      } catch (SdkException e) {
        abort();
        throw new IOException("S3 upload failed", e);
      }
    }

    private void putSingle() {
      PutObjectRequest.Builder put =
          PutObjectRequest.builder().bucket(bucket).key(key).contentLength((long) used);
      if (options.createOnly()) {
        put.ifNoneMatch("*");
      }
      if (lock) {
        // Object-lock puts need an integrity header; Content-MD5 is the one every store accepts.
        put.contentMD5(md5(buffer, used));
        options
            .retainUntil()
            .ifPresent(
                until ->
                    put.objectLockMode(ObjectLockMode.fromValue(options.retentionMode().name()))
                        .objectLockRetainUntilDate(until));
        if (options.legalHold()) {
          put.objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON);
        }
      }
      s3.putObject(put.build(), RequestBody.fromBytes(java.util.Arrays.copyOf(buffer, used)));
    }

    private void abort() {
      done = true;
      if (uploadId != null) {
        String id = uploadId;
        uploadId = null;
        try {
          s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id));
        } catch (SdkException e) {
          LOG.warn(
              "could not abort an S3 multipart upload; add a lifecycle rule that aborts "
                  + "incomplete uploads");
        }
      }
    }

    @Override
    public void close() {
      if (!done) {
        abort();
      }
    }
  }

  /** Builds an {@link S3ObjectStore}. Not thread-safe. */
  public static final class Builder {
    private URI endpoint;
    private String region = "us-east-1";
    private String bucket;
    private String prefix = "";
    private String accessKey;
    private Secret secretKey;
    private boolean pathStyle = true;
    private ChecksumMode checksumMode = ChecksumMode.WHEN_REQUIRED;
    private int partSize = 8 * 1024 * 1024;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration socketTimeout = Duration.ofSeconds(60);
    private Duration deadline = DEFAULT_DEADLINE;
    private int maxConnections = 50;
    private Duration abandonedUploadAge = Duration.ofDays(1);

    private Builder() {}

    /**
     * Sets the endpoint of an S3-compatible store. Leave unset for AWS S3.
     *
     * @param endpoint for example {@code https://s3.gra.io.cloud.ovh.net}
     * @return this builder
     */
    public Builder endpoint(URI endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /**
     * Sets the region used for request signing.
     *
     * @param region for example {@code fr-par}, {@code gra}, {@code eu-west-2}, {@code garage}
     *     (default {@code us-east-1})
     * @return this builder
     */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /**
     * Sets the bucket. Required; it must already exist (create it with object lock enabled for WORM
     * retention).
     *
     * @param bucket the bucket name
     * @return this builder
     */
    public Builder bucket(String bucket) {
      this.bucket = bucket;
      return this;
    }

    /**
     * Keeps every object below a key prefix, to share a bucket.
     *
     * @param prefix for example {@code coffre/} (default none)
     * @return this builder
     */
    public Builder prefix(String prefix) {
      this.prefix = prefix;
      return this;
    }

    /**
     * Sets static credentials.
     *
     * @param accessKey the access key id
     * @param secretKey the secret key
     * @return this builder
     */
    public Builder credentials(String accessKey, Secret secretKey) {
      this.accessKey = accessKey;
      this.secretKey = secretKey;
      return this;
    }

    /**
     * Chooses path-style ({@code endpoint/bucket/key}) or virtual-hosted addressing.
     *
     * @param pathStyle true (default) for path-style, which every S3-compatible store accepts
     * @return this builder
     */
    public Builder pathStyle(boolean pathStyle) {
      this.pathStyle = pathStyle;
      return this;
    }

    /**
     * Sets when transfer checksums are computed and validated.
     *
     * @param checksumMode WHEN_REQUIRED (default, works everywhere) or WHEN_SUPPORTED (AWS)
     * @return this builder
     */
    public Builder checksumMode(ChecksumMode checksumMode) {
      this.checksumMode = checksumMode;
      return this;
    }

    /**
     * Sets the multipart part size, which is also the memory buffered per upload.
     *
     * @param bytes at least 5 MiB (default 8 MiB)
     * @return this builder
     */
    public Builder partSize(int bytes) {
      this.partSize = bytes;
      return this;
    }

    /**
     * Sets the TCP connect timeout.
     *
     * @param timeout the timeout (default 5 s)
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * Sets the socket read timeout (maximum silence while waiting for bytes).
     *
     * @param timeout the timeout (default 60 s)
     * @return this builder
     */
    public Builder socketTimeout(Duration timeout) {
      this.socketTimeout = timeout;
      return this;
    }

    /**
     * Sets the deadline of one HTTP exchange with the store: request, upload of one part (see the
     * part size) and the answer's headers, together. Past it, the exchange is dropped and the call
     * fails with {@link SocleTimeoutException}: a peer dripping its answer one byte at a time,
     * which never trips the socket timeout, cannot hold a call. Reading the body of an object
     * returned by {@code get} is bounded by the socket timeout only (a large download takes as long
     * as it takes).
     *
     * @param deadline positive (default 5 minutes: an 8 MiB part at 30 KB/s)
     * @return this builder
     */
    public Builder deadline(Duration deadline) {
      if (deadline == null || deadline.isNegative() || deadline.isZero()) {
        throw new SocleClientException("deadline must be positive");
      }
      this.deadline = deadline;
      return this;
    }

    /**
     * Sets the connection pool size.
     *
     * @param maxConnections the maximum number of connections (default 50)
     * @return this builder
     */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * Sets the age after which a multipart upload found when the store is built is considered
     * abandoned by a dead process and aborted (default 1 day). It must exceed the longest upload
     * any process sharing the bucket can take.
     *
     * @param age the age, or null to never abort uploads at build time
     * @return this builder
     */
    public Builder abortUploadsOlderThan(Duration age) {
      if (age != null && age.isNegative()) {
        throw new IllegalArgumentException("age must not be negative");
      }
      this.abandonedUploadAge = age;
      return this;
    }

    /**
     * Builds the store and detects whether the bucket has object lock.
     *
     * @return the store
     * @throws SocleClientException if the endpoint cannot be reached
     */
    public S3ObjectStore build() {
      Objects.requireNonNull(bucket, "bucket");
      Objects.requireNonNull(accessKey, "credentials");
      Objects.requireNonNull(secretKey, "credentials");
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(prefix, "prefix");
      if (partSize < MIN_PART_SIZE) {
        throw new IllegalArgumentException("partSize must be at least 5 MiB");
      }
      if (!prefix.isEmpty() && (!prefix.endsWith("/") || prefix.startsWith("/"))) {
        throw new IllegalArgumentException("prefix must end with / and not start with /");
      }
      var client =
          S3Client.builder()
              .region(Region.of(region))
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create(accessKey, secretKey.reveal())))
              .forcePathStyle(pathStyle)
              .requestChecksumCalculation(
                  checksumMode == ChecksumMode.WHEN_SUPPORTED
                      ? software.amazon.awssdk.core.checksums.RequestChecksumCalculation
                          .WHEN_SUPPORTED
                      : software.amazon.awssdk.core.checksums.RequestChecksumCalculation
                          .WHEN_REQUIRED)
              .responseChecksumValidation(
                  checksumMode == ChecksumMode.WHEN_SUPPORTED
                      ? software.amazon.awssdk.core.checksums.ResponseChecksumValidation
                          .WHEN_SUPPORTED
                      : software.amazon.awssdk.core.checksums.ResponseChecksumValidation
                          .WHEN_REQUIRED)
              .overrideConfiguration(
                  o -> o.apiCallTimeout(deadline).apiCallAttemptTimeout(deadline))
              // The HTTP client is set explicitly so the SDK never picks another one found on the
              // application's classpath.
              .httpClientBuilder(
                  Apache5HttpClient.builder()
                      .connectionTimeout(connectTimeout)
                      .socketTimeout(socketTimeout)
                      .maxConnections(maxConnections));
      if (endpoint != null) {
        client.endpointOverride(endpoint);
      }
      S3Client s3 = client.build();
      try {
        return new S3ObjectStore(s3, this);
      } catch (RuntimeException e) {
        s3.close();
        throw e;
      }
    }
  }
}
