package fr.socle.storage;

import fr.socle.core.InvalidInputException;
import fr.socle.storage.internal.Names;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What to deposit: where, by whom, and the metadata fixed at deposit. The content itself is passed
 * as a stream to {@link DocumentSafe#deposit(DepositRequest, java.io.InputStream)}.
 *
 * <p>Depositing again under an existing identifier creates the next version; earlier versions are
 * kept.
 *
 * <pre>{@code
 * DepositRequest request = DepositRequest.builder("21750001600019", "etat-civil")
 *     .depositor("agent:jdupont")
 *     .contentType("application/pdf")
 *     .originalFilename("acte-naissance.pdf")
 *     .retainUntil(Instant.parse("2076-01-01T00:00:00Z"))
 *     .build();
 * }</pre>
 *
 * @param ref where the document goes
 * @param depositor who deposits (recorded in the metadata and the journal)
 * @param contentType the declared media type
 * @param originalFilename the original filename, if any
 * @param retainUntil destruction is refused before this instant, if set
 * @param legalHold whether the document starts under legal hold
 * @param expectedDigest a digest computed by the depositor (in {@code DocumentSafe}'s algorithm,
 *     lowercase hexadecimal); if present the deposit is refused unless the content matches it
 */
public record DepositRequest(
    DocumentRef ref,
    String depositor,
    String contentType,
    Optional<String> originalFilename,
    Optional<Instant> retainUntil,
    boolean legalHold,
    Optional<String> expectedDigest) {

  /**
   * Validates the fields.
   *
   * @param ref where the document goes
   * @param depositor who deposits (recorded in the metadata and the journal)
   * @param contentType the declared media type
   * @param originalFilename the original filename, if any
   * @param retainUntil destruction is refused before this instant, if set
   * @param legalHold whether the document starts under legal hold
   * @param expectedDigest a digest computed by the depositor (in {@code DocumentSafe}'s algorithm,
   *     lowercase hexadecimal); if present the deposit is refused unless the content matches it
   */
  public DepositRequest {
    Objects.requireNonNull(ref, "ref");
    Names.requireValidText("depositor", depositor, 256);
    Names.requireValidText("contentType", contentType, 256);
    Objects.requireNonNull(originalFilename, "originalFilename");
    originalFilename.ifPresent(f -> Names.requireValidText("originalFilename", f, 1024));
    Objects.requireNonNull(retainUntil, "retainUntil");
    Objects.requireNonNull(expectedDigest, "expectedDigest");
    expectedDigest.ifPresent(
        d -> {
          if (!d.matches("[0-9a-f]{64}|[0-9a-f]{128}")) {
            throw new InvalidInputException("expectedDigest must be lowercase hexadecimal");
          }
        });
  }

  /** Describes the request without personal data: the depositor and the filename are redacted. */
  @Override
  public String toString() {
    return "DepositRequest[ref="
        + ref
        + ", depositor=***, contentType="
        + contentType
        + ", originalFilename="
        + (originalFilename.isPresent() ? "***" : "none")
        + ", retainUntil="
        + retainUntil.map(Instant::toString).orElse("none")
        + ", legalHold="
        + legalHold
        + ", expectedDigest="
        + expectedDigest.orElse("none")
        + "]";
  }

  /**
   * Starts a request for a new document with a random identifier.
   *
   * @param tenant the tenant
   * @param container the container
   * @return a builder
   */
  public static Builder builder(String tenant, String container) {
    return new Builder(tenant, container);
  }

  /** Builds a {@link DepositRequest}. Not thread-safe. */
  public static final class Builder {
    private final String tenant;
    private final String container;
    private String id = UUID.randomUUID().toString();
    private String depositor;
    private String contentType = "application/octet-stream";
    private String originalFilename;
    private Instant retainUntil;
    private boolean legalHold;
    private String expectedDigest;

    private Builder(String tenant, String container) {
      this.tenant = tenant;
      this.container = container;
    }

    /**
     * Sets the identifier; deposit under an existing identifier adds a version.
     *
     * @param id the identifier (default: a random UUID)
     * @return this builder
     */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /**
     * Sets who deposits. Required.
     *
     * @param depositor a user or application identifier
     * @return this builder
     */
    public Builder depositor(String depositor) {
      this.depositor = depositor;
      return this;
    }

    /**
     * Sets the declared media type.
     *
     * @param contentType the media type (default {@code application/octet-stream})
     * @return this builder
     */
    public Builder contentType(String contentType) {
      this.contentType = contentType;
      return this;
    }

    /**
     * Sets the original filename.
     *
     * @param originalFilename the name the file had on the depositor's side
     * @return this builder
     */
    public Builder originalFilename(String originalFilename) {
      this.originalFilename = originalFilename;
      return this;
    }

    /**
     * Forbids destruction before this instant.
     *
     * @param retainUntil the end of the retention period
     * @return this builder
     */
    public Builder retainUntil(Instant retainUntil) {
      this.retainUntil = retainUntil;
      return this;
    }

    /**
     * Places the document under legal hold from its deposit.
     *
     * @param legalHold true to hold
     * @return this builder
     */
    public Builder legalHold(boolean legalHold) {
      this.legalHold = legalHold;
      return this;
    }

    /**
     * Refuses the deposit unless the content has this digest.
     *
     * @param expectedDigest lowercase hexadecimal digest in the safe's algorithm
     * @return this builder
     */
    public Builder expectedDigest(String expectedDigest) {
      this.expectedDigest = expectedDigest;
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws InvalidInputException if the depositor is missing or a field is invalid
     */
    public DepositRequest build() {
      if (depositor == null) {
        throw new InvalidInputException("depositor is required: call depositor(...)");
      }
      return new DepositRequest(
          new DocumentRef(tenant, container, id),
          depositor,
          contentType,
          Optional.ofNullable(originalFilename),
          Optional.ofNullable(retainUntil),
          legalHold,
          Optional.ofNullable(expectedDigest));
    }
  }
}
