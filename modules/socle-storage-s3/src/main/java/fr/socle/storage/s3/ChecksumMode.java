package fr.socle.storage.s3;

/**
 * When the S3 client adds and validates transfer checksums.
 *
 * <p>AWS SDK 2.30 started sending CRC32 trailing checksums (aws-chunked encoding) on every upload
 * by default; several S3-compatible stores (Ceph RGW before Squid, OVHcloud, S3Proxy, older MinIO
 * and Garage releases) reject those requests with 400 or SignatureDoesNotMatch. Integrity of the
 * documents does not depend on it: every ciphertext segment is authenticated by AES-GCM and the
 * plaintext digest is checked on every read.
 */
public enum ChecksumMode {
  /** Send and validate flexible checksums on every request that supports them (AWS S3). */
  WHEN_SUPPORTED,
  /** Only when the operation requires one: the compatible choice for S3-compatible stores. */
  WHEN_REQUIRED
}
