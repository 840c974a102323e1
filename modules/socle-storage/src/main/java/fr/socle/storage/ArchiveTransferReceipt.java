package fr.socle.storage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ArchiveTransfers#export} wrote: keep it until the archiving service replies, then
 * pass it with the reply to {@link ArchiveTransfers#eliminate}. Everything in it is also in the
 * tenant's journal (entry {@code journalSequence} records the manifest's digest).
 *
 * @param tenant the tenant whose documents were transferred
 * @param messageIdentifier the transfer's {@code MessageIdentifier}
 * @param version the SEDA version written
 * @param date the transfer's {@code Date}
 * @param archivalAgencyIdentifier the archiving service
 * @param transferringAgencySiret the sender
 * @param manifestSha512 SHA-512 of the manifest as written, lowercase hexadecimal
 * @param journalSequence the journal entry that records the transfer
 * @param documents the documents, in manifest order
 */
public record ArchiveTransferReceipt(
    String tenant,
    String messageIdentifier,
    SedaVersion version,
    Instant date,
    String archivalAgencyIdentifier,
    String transferringAgencySiret,
    String manifestSha512,
    long journalSequence,
    List<ArchivedDocument> documents) {

  /**
   * Validates the fields.
   *
   * @param tenant the tenant whose documents were transferred
   * @param messageIdentifier the transfer's {@code MessageIdentifier}
   * @param version the SEDA version written
   * @param date the transfer's {@code Date}
   * @param archivalAgencyIdentifier the archiving service
   * @param transferringAgencySiret the sender
   * @param manifestSha512 SHA-512 of the manifest as written, lowercase hexadecimal
   * @param journalSequence the journal entry that records the transfer
   * @param documents the documents, in manifest order
   */
  public ArchiveTransferReceipt {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(messageIdentifier, "messageIdentifier");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(archivalAgencyIdentifier, "archivalAgencyIdentifier");
    Objects.requireNonNull(transferringAgencySiret, "transferringAgencySiret");
    Objects.requireNonNull(manifestSha512, "manifestSha512");
    documents = List.copyOf(Objects.requireNonNull(documents, "documents"));
  }
}
