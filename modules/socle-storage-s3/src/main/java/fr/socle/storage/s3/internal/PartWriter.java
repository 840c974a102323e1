package fr.socle.storage.s3.internal;

import fr.socle.storage.spi.ObjectExistsException;
import fr.socle.storage.spi.ObjectWriter;
import fr.socle.storage.spi.WriteOptions;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Buffers one part at a time: a single {@code PutObject} when the object fits in one part, else a
 * multipart upload, aborted on any failure or when closed without commit. Write-once objects carry
 * {@code If-None-Match: *}. Not thread-safe (one writer per upload).
 */
public final class PartWriter extends ObjectWriter {
  private static final Logger LOG = LoggerFactory.getLogger(PartWriter.class);

  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final WriteOptions options;
  private final boolean lock;
  private final byte[] buffer;
  private final List<CompletedPart> parts = new ArrayList<>();
  private int used;
  private String uploadId;
  private boolean done;

  /**
   * Opens a writer.
   *
   * @param s3 the client
   * @param bucket the bucket
   * @param key the key, prefix included
   * @param options write-once, retention and legal hold
   * @param partSize the part size, also the memory buffered
   * @param objectLock whether the bucket has object lock (retention is only sent then)
   */
  public PartWriter(
      S3Client s3,
      String bucket,
      String key,
      WriteOptions options,
      int partSize,
      boolean objectLock) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
    this.options = options;
    this.lock = objectLock && (options.retainUntil().isPresent() || options.legalHold());
    this.buffer = new byte[partSize];
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
                          .objectLockMode(ObjectLockMode.fromValue(options.retentionMode().name()))
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
          s3.uploadPart(part.build(), RequestBody.fromBytes(Arrays.copyOf(buffer, used))).eTag();
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
    s3.putObject(put.build(), RequestBody.fromBytes(Arrays.copyOf(buffer, used)));
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

  private static String md5(byte[] bytes, int length) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(bytes, 0, length);
      return Base64.getEncoder().encodeToString(md5.digest());
    } catch (NoSuchAlgorithmException e) {
      // Every JDK has MD5 (a required MessageDigest algorithm).
      throw new IllegalStateException(e);
    }
  }
}
