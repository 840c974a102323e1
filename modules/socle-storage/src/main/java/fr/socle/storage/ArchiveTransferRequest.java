package fr.socle.storage;

import fr.socle.core.InvalidInputException;
import fr.socle.storage.internal.SedaValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to hand over to an electronic archiving service (SAE) in one SEDA {@code ArchiveTransfer}:
 * documents of one tenant, who sends them, who produced them, who receives them and under which
 * agreement.
 *
 * <pre>{@code
 * ArchiveTransferRequest request = ArchiveTransferRequest.builder("SOCLE-2026-000001")
 *     .archivalAgreement("IC-000001")                 // the SAE's ingest contract
 *     .archivalAgency("FRAD075")                      // the archiving service's identifier
 *     .transferringAgency("21750001600019")           // SIRET of the sender
 *     .originatingAgency("21750001600019")            // SIRET of the producer
 *     .item(ArchiveItem.of(ref, "Délibération n° 2026-042"))
 *     .build();
 * }</pre>
 *
 * @param version the SEDA version of the manifest
 * @param messageIdentifier the transfer's identifier ({@code MessageIdentifier}), unique for the
 *     sender; the reply quotes it
 * @param archivalAgreement the archiving service's agreement (ingest contract) identifier, if any
 * @param archivalAgencyIdentifier the archiving service ({@code ArchivalAgency/Identifier})
 * @param transferringAgencySiret the sender's SIRET ({@code TransferringAgency/Identifier})
 * @param originatingAgencySiret the producer's SIRET ({@code OriginatingAgencyIdentifier})
 * @param comment a comment for the archivist, if any
 * @param items the documents, at least one, all of one tenant, no document twice
 */
public record ArchiveTransferRequest(
    SedaVersion version,
    String messageIdentifier,
    Optional<String> archivalAgreement,
    String archivalAgencyIdentifier,
    String transferringAgencySiret,
    String originatingAgencySiret,
    Optional<String> comment,
    List<ArchiveItem> items) {

  /** The largest number of documents in one transfer. */
  public static final int MAX_ITEMS = 10_000;

  /**
   * Validates the fields.
   *
   * @param version the SEDA version of the manifest
   * @param messageIdentifier the transfer's identifier ({@code MessageIdentifier}), unique for the
   *     sender; the reply quotes it
   * @param archivalAgreement the archiving service's agreement (ingest contract) identifier, if any
   * @param archivalAgencyIdentifier the archiving service ({@code ArchivalAgency/Identifier})
   * @param transferringAgencySiret the sender's SIRET ({@code TransferringAgency/Identifier})
   * @param originatingAgencySiret the producer's SIRET ({@code OriginatingAgencyIdentifier})
   * @param comment a comment for the archivist, if any
   * @param items the documents, at least one, all of one tenant, no document twice
   */
  public ArchiveTransferRequest {
    Objects.requireNonNull(version, "version");
    SedaValues.requireIdentifier("messageIdentifier", messageIdentifier);
    Objects.requireNonNull(archivalAgreement, "archivalAgreement");
    archivalAgreement.ifPresent(a -> SedaValues.requireIdentifier("archivalAgreement", a));
    SedaValues.requireIdentifier("archivalAgencyIdentifier", archivalAgencyIdentifier);
    SedaValues.requireSiret("transferringAgencySiret", transferringAgencySiret);
    SedaValues.requireSiret("originatingAgencySiret", originatingAgencySiret);
    Objects.requireNonNull(comment, "comment");
    comment.ifPresent(c -> SedaValues.requireText("comment", c, 8192));
    items = List.copyOf(Objects.requireNonNull(items, "items"));
    if (items.isEmpty() || items.size() > MAX_ITEMS) {
      throw new InvalidInputException("a transfer holds 1 to " + MAX_ITEMS + " documents");
    }
    Set<DocumentRef> seen = new HashSet<>();
    String tenant = items.get(0).ref().tenant();
    for (ArchiveItem item : items) {
      if (!item.ref().tenant().equals(tenant)) {
        throw new InvalidInputException("all the documents of a transfer belong to one tenant");
      }
      if (!seen.add(item.ref())) {
        throw new InvalidInputException("a document appears twice in the transfer");
      }
    }
  }

  /** Leaves out the comment and the items' descriptions, which may hold personal data. */
  @Override
  public String toString() {
    return "ArchiveTransferRequest["
        + version
        + ", "
        + messageIdentifier
        + ", "
        + items.size()
        + " documents]";
  }

  /**
   * Returns the tenant whose documents are transferred.
   *
   * @return the tenant
   */
  public String tenant() {
    return items.get(0).ref().tenant();
  }

  /**
   * Starts a request.
   *
   * @param messageIdentifier the transfer's unique identifier
   * @return a builder
   */
  public static Builder builder(String messageIdentifier) {
    return new Builder(messageIdentifier);
  }

  /** Builds an {@link ArchiveTransferRequest}. Not thread-safe. */
  public static final class Builder {
    private final String messageIdentifier;
    private SedaVersion version = SedaVersion.V2_3;
    private String archivalAgreement;
    private String archivalAgency;
    private String transferringAgency;
    private String originatingAgency;
    private String comment;
    private final List<ArchiveItem> items = new ArrayList<>();

    private Builder(String messageIdentifier) {
      this.messageIdentifier = messageIdentifier;
    }

    /**
     * Sets the SEDA version.
     *
     * @param version default {@link SedaVersion#V2_3}
     * @return this builder
     */
    public Builder version(SedaVersion version) {
      this.version = version;
      return this;
    }

    /**
     * Sets the archival agreement (the archiving service's ingest contract).
     *
     * @param identifier for example {@code IC-000001}
     * @return this builder
     */
    public Builder archivalAgreement(String identifier) {
      this.archivalAgreement = identifier;
      return this;
    }

    /**
     * Sets the archiving service. Required.
     *
     * @param identifier its identifier, as the service publishes it
     * @return this builder
     */
    public Builder archivalAgency(String identifier) {
      this.archivalAgency = identifier;
      return this;
    }

    /**
     * Sets the sender. Required.
     *
     * @param siret its SIRET
     * @return this builder
     */
    public Builder transferringAgency(String siret) {
      this.transferringAgency = siret;
      return this;
    }

    /**
     * Sets the producer of the records. Required.
     *
     * @param siret its SIRET
     * @return this builder
     */
    public Builder originatingAgency(String siret) {
      this.originatingAgency = siret;
      return this;
    }

    /**
     * Sets a comment for the archivist.
     *
     * @param comment the text
     * @return this builder
     */
    public Builder comment(String comment) {
      this.comment = comment;
      return this;
    }

    /**
     * Adds a document.
     *
     * @param item the document and its description
     * @return this builder
     */
    public Builder item(ArchiveItem item) {
      items.add(Objects.requireNonNull(item, "item"));
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws InvalidInputException if a required setting is missing or a value is invalid
     */
    public ArchiveTransferRequest build() {
      required(archivalAgency, "archivalAgency");
      required(transferringAgency, "transferringAgency");
      required(originatingAgency, "originatingAgency");
      if (items.isEmpty()) {
        throw new InvalidInputException("at least one item is required: call item(...)");
      }
      return new ArchiveTransferRequest(
          version,
          messageIdentifier,
          Optional.ofNullable(archivalAgreement),
          archivalAgency,
          transferringAgency,
          originatingAgency,
          Optional.ofNullable(comment),
          items);
    }

    private static void required(String value, String setter) {
      if (value == null) {
        throw new InvalidInputException(setter + " is required: call " + setter + "(...)");
      }
    }
  }
}
