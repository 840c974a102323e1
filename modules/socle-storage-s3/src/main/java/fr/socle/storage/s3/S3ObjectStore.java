package fr.socle.storage.s3;

import fr.socle.core.InvalidInputException;
import fr.socle.core.Secret;
import fr.socle.core.SocleClientException;
import fr.socle.core.SocleTimeoutException;
import fr.socle.core.http.ProxySettings;
import fr.socle.storage.s3.internal.AbandonedUploads;
import fr.socle.storage.s3.internal.BoundedDownload;
import fr.socle.storage.s3.internal.Checks;
import fr.socle.storage.s3.internal.ObjectLock;
import fr.socle.storage.s3.internal.PartWriter;
import fr.socle.storage.s3.internal.S3ClientFactory;
import fr.socle.storage.s3.internal.S3Errors;
import fr.socle.storage.spi.ObjectKeys;
import fr.socle.storage.spi.ObjectNotFoundException;
import fr.socle.storage.spi.ObjectStore;
import fr.socle.storage.spi.ObjectWriter;
import fr.socle.storage.spi.RetentionMode;
import fr.socle.storage.spi.StoreCapabilities;
import fr.socle.storage.spi.WriteOptions;
import java.io.InputStream;
import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

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
 * <p>Errors follow Socle's one rule (docs/core.md); a passed deadline is a {@link
 * SocleTimeoutException}. Thread-safe; build one per bucket and share it.
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

  /** S3's smallest allowed part (except the last). */
  public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

  /** Default deadline of one HTTP exchange with the store. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(5);

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final int partSize;
  private final Duration deadline;
  private final ScheduledExecutorService downloadTimer;
  private final ObjectLock objectLock;

  private S3ObjectStore(S3Client s3, Builder b) {
    this.s3 = s3;
    this.bucket = b.bucket;
    this.prefix = b.prefix;
    this.partSize = b.partSize;
    this.deadline = b.deadline;
    this.objectLock = ObjectLock.detect(s3, bucket);
    if (b.abandonedUploadAge != null) {
      abortIncompleteUploads(b.abandonedUploadAge);
    }
    this.downloadTimer = BoundedDownload.newTimer();
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
   * @throws InvalidInputException if the age is negative
   */
  public int abortIncompleteUploads(Duration age) {
    Objects.requireNonNull(age, "age");
    if (age.isNegative()) {
      throw new InvalidInputException("age must not be negative");
    }
    return AbandonedUploads.abort(s3, bucket, prefix, age);
  }

  /**
   * Starts building a store.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public StoreCapabilities capabilities() {
    return new StoreCapabilities(objectLock.enabled(), "s3 bucket " + bucket);
  }

  @Override
  public ObjectWriter openWriter(String key, WriteOptions options) {
    String k = fullKey(key);
    Objects.requireNonNull(options, "options");
    return new PartWriter(s3, bucket, k, options, partSize, objectLock.enabled());
  }

  /**
   * {@inheritDoc}
   *
   * <p>The whole GET, body included, is bounded by the {@linkplain Builder#deadline deadline}: each
   * {@linkplain Builder#partSize part-sized} slice of the body must arrive within one more
   * deadline, so a store that drips the body cannot hold a read; past it, reading fails with {@link
   * SocleTimeoutException}.
   */
  @Override
  public InputStream get(String key) {
    String k = fullKey(key);
    long start = System.nanoTime();
    ResponseInputStream<GetObjectResponse> body;
    try {
      body = s3.getObject(b -> b.bucket(bucket).key(k));
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw new ObjectNotFoundException("no object " + key);
      }
      throw S3Errors.service("get", e);
    } catch (SdkClientException e) {
      throw S3Errors.client("cannot read object " + key + " from S3", e);
    }
    Long length = body.response().contentLength();
    try {
      return new BoundedDownload(
          body,
          body::abort,
          length == null ? -1 : length,
          partSize,
          deadline,
          start,
          downloadTimer);
    } catch (RejectedExecutionException closed) {
      body.abort();
      throw new SocleClientException("the S3 store is closed", closed);
    }
  }

  @Override
  public List<String> list(String keyPrefix) {
    String p = prefix + ObjectKeys.requireValidPrefix(keyPrefix);
    List<String> keys = new ArrayList<>();
    S3Errors.call(
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
    objectLock.delete(fullKey(key), key);
  }

  @Override
  public void legalHold(String key, boolean on) {
    objectLock.legalHold(fullKey(key), on);
  }

  @Override
  public void extendRetention(String key, Instant until, RetentionMode mode) {
    String k = fullKey(key);
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(mode, "mode");
    objectLock.extendRetention(k, until, mode);
  }

  /** Closes the client this store built. */
  @Override
  public void close() {
    downloadTimer.shutdownNow();
    s3.close();
  }

  @Override
  public String toString() {
    return "S3ObjectStore[bucket=" + bucket + "]";
  }

  private String fullKey(String key) {
    return prefix + ObjectKeys.requireValid(key);
  }

  /**
   * Builds an {@link S3ObjectStore}. Not thread-safe. Each setter checks its value at once: a
   * {@code null} is a {@link NullPointerException} naming the parameter, a bad value an {@link
   * InvalidInputException}; {@link #build()} names a missing required setting.
   */
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
    private KeyStore trustStore;
    private ProxySettings proxy = ProxySettings.system();

    private Builder() {}

    /**
     * Sets the endpoint of an S3-compatible store. Leave unset for AWS S3.
     *
     * @param endpoint for example {@code https://s3.gra.io.cloud.ovh.net}
     * @return this builder
     * @throws InvalidInputException if it is not an absolute http or https URI
     */
    public Builder endpoint(URI endpoint) {
      Objects.requireNonNull(endpoint, "endpoint");
      String scheme = endpoint.getScheme();
      if (!("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
          || endpoint.getHost() == null) {
        throw new InvalidInputException(
            "endpoint must be an absolute https:// (or http://) URI with a host");
      }
      this.endpoint = endpoint;
      return this;
    }

    /**
     * Sets the region used for request signing.
     *
     * @param region for example {@code fr-par}, {@code gra}, {@code eu-west-2}, {@code garage}
     *     (default {@code us-east-1})
     * @return this builder
     * @throws InvalidInputException if blank
     */
    public Builder region(String region) {
      this.region = Checks.notBlank(region, "region");
      return this;
    }

    /**
     * Sets the bucket. Required; it must already exist (create it with object lock enabled for WORM
     * retention).
     *
     * @param bucket the bucket name
     * @return this builder
     * @throws InvalidInputException if blank
     */
    public Builder bucket(String bucket) {
      this.bucket = Checks.notBlank(bucket, "bucket");
      return this;
    }

    /**
     * Keeps every object below a key prefix, to share a bucket.
     *
     * @param prefix for example {@code coffre/} (default none)
     * @return this builder
     * @throws InvalidInputException if not empty and not ending with {@code /}, or starting with
     *     {@code /}
     */
    public Builder prefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      if (!prefix.isEmpty() && (!prefix.endsWith("/") || prefix.startsWith("/"))) {
        throw new InvalidInputException("prefix must end with / and not start with /");
      }
      this.prefix = prefix;
      return this;
    }

    /**
     * Sets static credentials. Required.
     *
     * @param accessKey the access key id
     * @param secretKey the secret key
     * @return this builder
     * @throws InvalidInputException if the access key is blank
     */
    public Builder credentials(String accessKey, Secret secretKey) {
      this.accessKey = Checks.notBlank(accessKey, "accessKey");
      this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
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
      this.checksumMode = Objects.requireNonNull(checksumMode, "checksumMode");
      return this;
    }

    /**
     * Sets the multipart part size, which is also the memory buffered per upload and the slice of a
     * download that must arrive within each {@linkplain #deadline deadline}.
     *
     * @param bytes at least 5 MiB ({@link #MIN_PART_SIZE}; default 8 MiB)
     * @return this builder
     * @throws InvalidInputException if smaller than 5 MiB
     */
    public Builder partSize(int bytes) {
      if (bytes < MIN_PART_SIZE) {
        throw new InvalidInputException("partSize must be at least 5 MiB (MIN_PART_SIZE)");
      }
      this.partSize = bytes;
      return this;
    }

    /**
     * Sets the TCP connect timeout.
     *
     * @param timeout the timeout (default 5 s)
     * @return this builder
     * @throws InvalidInputException if not positive
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Checks.positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Sets the socket read timeout (maximum silence while waiting for bytes).
     *
     * @param timeout the timeout (default 60 s)
     * @return this builder
     * @throws InvalidInputException if not positive
     */
    public Builder socketTimeout(Duration timeout) {
      this.socketTimeout = Checks.positive(timeout, "socketTimeout");
      return this;
    }

    /**
     * Sets the deadline of one HTTP exchange with the store: request, upload of one part (see the
     * part size) and the answer, together. Past it, the exchange is dropped and the call fails with
     * {@link SocleTimeoutException}: a peer dripping its answer one byte at a time, which never
     * trips the socket timeout, cannot hold a call. The body of an object returned by {@code get}
     * is bounded the same way, one part-sized slice per deadline: slice k must be read within k
     * deadlines of the request.
     *
     * @param deadline positive (default 5 minutes: an 8 MiB part at 30 KB/s)
     * @return this builder
     * @throws InvalidInputException if not positive
     */
    public Builder deadline(Duration deadline) {
      this.deadline = Checks.positive(deadline, "deadline");
      return this;
    }

    /**
     * Sets the connection pool size.
     *
     * @param maxConnections the maximum number of connections (default 50)
     * @return this builder
     * @throws InvalidInputException if less than 1
     */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 1) {
        throw new InvalidInputException("maxConnections must be at least 1");
      }
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
     * @throws InvalidInputException if negative
     */
    public Builder abortUploadsOlderThan(Duration age) {
      if (age != null && age.isNegative()) {
        throw new InvalidInputException("abortUploadsOlderThan must not be negative");
      }
      this.abandonedUploadAge = age;
      return this;
    }

    /**
     * Trusts the certificates of this key store, and only them, for the store's TLS connections: an
     * on-premises Ceph, Garage or MinIO behind a private CA. Host names are still verified. The
     * JVM's {@code javax.net.ssl.*} properties are never touched.
     *
     * @param trustStore a loaded key store holding the trusted certificates (CA or server)
     * @return this builder
     * @throws InvalidInputException if the key store is not loaded or holds no certificate
     */
    public Builder trustStore(KeyStore trustStore) {
      this.trustStore = Checks.trustStore(trustStore);
      return this;
    }

    /**
     * Chooses how the store is reached: the JVM's proxy settings ({@link ProxySettings#system()},
     * the default: {@code https.proxyHost}, {@code http.nonProxyHosts} or a custom {@link
     * java.net.ProxySelector}), no proxy ({@link ProxySettings#direct()}, whatever the JVM says),
     * or an explicit HTTP proxy with optional Basic credentials, through which HTTPS goes with
     * {@code CONNECT}. The {@code HTTPS_PROXY} environment variable is never read.
     *
     * @param proxy the settings, the same value object as every Socle client's
     * @return this builder
     */
    public Builder proxy(ProxySettings proxy) {
      this.proxy = Objects.requireNonNull(proxy, "proxy");
      return this;
    }

    /**
     * Builds the store and detects whether the bucket has object lock.
     *
     * @return the store
     * @throws InvalidInputException if the bucket or the credentials are missing
     * @throws SocleClientException if the endpoint cannot be reached
     */
    public S3ObjectStore build() {
      if (bucket == null) {
        throw new InvalidInputException("bucket is required: call bucket(...)");
      }
      if (accessKey == null) {
        throw new InvalidInputException("credentials are required: call credentials(...)");
      }
      S3Client s3 =
          S3ClientFactory.create(
              new S3ClientFactory.Settings(
                  Optional.ofNullable(endpoint),
                  region,
                  accessKey,
                  secretKey,
                  pathStyle,
                  checksumMode,
                  connectTimeout,
                  socketTimeout,
                  deadline,
                  maxConnections,
                  Optional.ofNullable(trustStore),
                  proxy));
      try {
        return new S3ObjectStore(s3, this);
      } catch (RuntimeException e) {
        s3.close();
        throw e;
      }
    }
  }
}
