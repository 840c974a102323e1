package fr.socle.storage;

import fr.socle.storage.internal.SedaReplyParser;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An archiving service's answer to a transfer (SEDA {@code ArchiveTransferReply}, also called ATR),
 * read by {@link #parse(InputStream)} with a hardened parser.
 *
 * <p><b>Acceptance.</b> SEDA leaves reply codes to a code list each service defines. Vitam answers
 * {@code OK}, {@code WARNING}, {@code KO} or {@code FATAL}; SEDA 1.0's list used {@code 000} for
 * success. {@link #accepted()} is true only for {@code OK} and {@code 000}: a {@code WARNING} (the
 * service stored the archives but noticed something) or any other code is not an acceptance, so
 * originals are never eliminated on an ambiguous answer; check such replies by hand.
 *
 * @param version the SEDA version of the reply
 * @param messageIdentifier the reply's own identifier
 * @param messageRequestIdentifier the transfer it answers
 * @param date the reply's {@code Date}, as written by the service
 * @param replyCode the reply code, if any
 * @param grantDate when the service took the archives in charge, as written, if given
 * @param archivalAgencyIdentifier the archiving service
 * @param transferringAgencyIdentifier the sender
 * @param sha512 SHA-512 of the reply's bytes as received, lowercase hexadecimal (journaled)
 */
public record ArchiveTransferReply(
    SedaVersion version,
    String messageIdentifier,
    String messageRequestIdentifier,
    String date,
    Optional<String> replyCode,
    Optional<String> grantDate,
    String archivalAgencyIdentifier,
    String transferringAgencyIdentifier,
    String sha512) {

  private static final Set<String> ACCEPTED = Set.of("OK", "000");

  /** The largest reply read, in bytes. */
  public static final int MAX_BYTES = 16 << 20;

  /**
   * Validates the fields.
   *
   * @param version the SEDA version of the reply
   * @param messageIdentifier the reply's own identifier
   * @param messageRequestIdentifier the transfer it answers
   * @param date the reply's {@code Date}, as written by the service
   * @param replyCode the reply code, if any
   * @param grantDate when the service took the archives in charge, as written, if given
   * @param archivalAgencyIdentifier the archiving service
   * @param transferringAgencyIdentifier the sender
   * @param sha512 SHA-512 of the reply's bytes as received, lowercase hexadecimal (journaled)
   */
  public ArchiveTransferReply {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(messageIdentifier, "messageIdentifier");
    Objects.requireNonNull(messageRequestIdentifier, "messageRequestIdentifier");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(replyCode, "replyCode");
    Objects.requireNonNull(grantDate, "grantDate");
    Objects.requireNonNull(archivalAgencyIdentifier, "archivalAgencyIdentifier");
    Objects.requireNonNull(transferringAgencyIdentifier, "transferringAgencyIdentifier");
    Objects.requireNonNull(sha512, "sha512");
  }

  /**
   * Reads a reply. DTDs and external entities are refused, the size is capped at {@link
   * #MAX_BYTES}, and each element Socle relies on must appear exactly once.
   *
   * @param xml the reply; read to its end (at most {@link #MAX_BYTES} + 1 bytes), not closed
   * @return the reply
   * @throws InvalidArchiveReplyException if it is not a well-formed SEDA 2.2 or 2.3 reply
   */
  public static ArchiveTransferReply parse(InputStream xml) {
    return SedaReplyParser.parse(Objects.requireNonNull(xml, "xml"), MAX_BYTES);
  }

  /**
   * Tells whether the service accepted the transfer without reservation.
   *
   * @return true for reply code {@code OK} or {@code 000}
   */
  public boolean accepted() {
    return replyCode.map(ACCEPTED::contains).orElse(false);
  }
}
