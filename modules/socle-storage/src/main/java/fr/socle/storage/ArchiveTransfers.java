package fr.socle.storage;

import fr.socle.core.SocleClientException;
import fr.socle.storage.internal.Hashing;
import fr.socle.storage.internal.Names;
import fr.socle.storage.internal.NonClosingOutputStream;
import fr.socle.storage.internal.SedaManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.stream.XMLStreamException;

/**
 * Hands documents of a {@link DocumentSafe} over to an electronic archiving service (SAE: Vitam,
 * As@lae...) in SEDA, and eliminates the originals once the service has accepted them.
 *
 * <p>{@link #export} writes a SIP: a ZIP with the SEDA {@code ArchiveTransfer} manifest at its root
 * ({@code manifest.xml}) and the documents under {@code content/}. It streams: memory use does not
 * depend on the documents' sizes. Each document's digest is recomputed while it streams and checked
 * against the safe's authenticated record; the transfer is journaled.
 *
 * <p>{@link ArchiveTransferReply#parse} reads the service's {@code ArchiveTransferReply}; {@link
 * #eliminate} records it in the journal and, if the transfer was accepted, destroys the originals
 * whose retention allows it.
 *
 * <p>Thread-safe. It does not own the safe.
 *
 * <pre>{@code
 * ArchiveTransfers transfers = ArchiveTransfers.create(safe);
 * ArchiveTransferReceipt receipt;
 * try (OutputStream sip = Files.newOutputStream(Path.of("SOCLE-2026-000001.zip"))) {
 *   receipt = transfers.export(request, "archiviste:jdupont", sip);
 * }
 * // ... send the SIP, keep the receipt; later:
 * ArchiveTransferReply reply = ArchiveTransferReply.parse(replyXml);
 * EliminationReport report = transfers.eliminate(receipt, reply, "archiviste:jdupont");
 * }</pre>
 */
public final class ArchiveTransfers {
  /** The manifest's name at the root of the SIP. */
  public static final String MANIFEST = "manifest.xml";

  private static final int BUFFER = 64 * 1024;
  private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,10}");

  private final DocumentSafe safe;
  private final Clock clock;

  private ArchiveTransfers(DocumentSafe safe, Clock clock) {
    this.safe = Objects.requireNonNull(safe, "safe");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Creates the archiving functions of a safe, dating transfers with the system clock.
   *
   * @param safe the safe, not closed by this object
   * @return the archiving functions
   */
  public static ArchiveTransfers create(DocumentSafe safe) {
    return new ArchiveTransfers(safe, Clock.systemUTC());
  }

  /**
   * Creates the archiving functions of a safe with a given clock.
   *
   * @param safe the safe, not closed by this object
   * @param clock dates transfers and elimination checks
   * @return the archiving functions
   */
  public static ArchiveTransfers create(DocumentSafe safe, Clock clock) {
    return new ArchiveTransfers(safe, clock);
  }

  /**
   * Writes the SIP of a transfer: the manifest first, then each document's latest version under
   * {@code content/}. Journals a metadata read and a read per document (by the safe), then an
   * {@link JournalOperation#ARCHIVE_TRANSFERRED} entry per document and one for the transfer.
   *
   * <p>On any exception, what was written to {@code out} is not a valid package (the ZIP is not
   * finished): discard it.
   *
   * @param request what to transfer
   * @param actor who exports (journaled)
   * @param out where the ZIP goes; finished but not closed
   * @return what was written; keep it until the service replies
   * @throws IntegrityViolationException if a document fails authentication, or changed during the
   *     export (its digest or size is not the one recorded)
   * @throws DocumentNotFoundException if a document does not exist
   * @throws SocleClientException if {@code out} cannot be written
   */
  public ArchiveTransferReceipt export(
      ArchiveTransferRequest request, String actor, OutputStream out) {
    Objects.requireNonNull(request, "request");
    Names.requireValidText("actor", actor, 256);
    Objects.requireNonNull(out, "out");
    Instant date = clock.instant();
    List<SedaManifest.Entry> entries = new ArrayList<>();
    int n = 1;
    for (ArchiveItem item : request.items()) {
      DocumentMetadata m = safe.metadata(item.ref(), actor);
      String objectId = "BDO" + n++;
      entries.add(new SedaManifest.Entry(item, m, objectId, "content/" + objectId + extension(m)));
    }
    String manifestDigest;
    List<ArchivedDocument> documents = new ArrayList<>();
    try {
      ZipOutputStream zip = new ZipOutputStream(new NonClosingOutputStream(out));
      // Documents in a safe are mostly already compressed (PDF, JPEG), and deflating them is what
      // an export would spend its time on: at level 1 it ran 10 to 25 times slower than reading
      // the document (ArchiveExportBenchmark). Level 0 writes stored deflate blocks: a standard
      // ZIP, streamed, at the cost of a CRC-32. (The STORED method would need the CRC before the
      // data, so a second pass.)
      zip.setLevel(Deflater.NO_COMPRESSION);
      zip.putNextEntry(new ZipEntry(MANIFEST));
      MessageDigest sha512 = Hashing.digest("SHA-512");
      SedaManifest.write(
          request, date, entries, new DigestOutputStream(new NonClosingOutputStream(zip), sha512));
      zip.closeEntry();
      manifestDigest = Hashing.hex(sha512.digest());
      for (SedaManifest.Entry e : entries) {
        zip.putNextEntry(new ZipEntry(e.uri()));
        documents.add(copyChecked(e, actor, zip));
        zip.closeEntry();
      }
      zip.finish();
      out.flush();
    } catch (IOException | XMLStreamException e) {
      throw new SocleClientException("the transfer package could not be written", e);
    }
    String tenant = request.tenant();
    for (ArchivedDocument d : documents) {
      safe.journalArchiving(
          tenant,
          actor,
          JournalOperation.ARCHIVE_TRANSFERRED,
          d.ref().container(),
          d.ref().id(),
          d.version(),
          d.digestAlgorithm().jcaName() + ":" + d.digest());
    }
    JournalEntry transfer =
        safe.journalArchiving(
            tenant,
            actor,
            JournalOperation.ARCHIVE_TRANSFERRED,
            "",
            request.messageIdentifier(),
            0,
            "SHA-512:" + manifestDigest);
    return new ArchiveTransferReceipt(
        tenant,
        request.messageIdentifier(),
        request.version(),
        date,
        request.archivalAgencyIdentifier(),
        request.transferringAgencySiret(),
        manifestDigest,
        transfer.sequence(),
        documents);
  }

  /**
   * Records the archiving service's reply in the journal and, if it accepted the transfer, destroys
   * the originals of the transferred documents (every version) whose retention and legal hold allow
   * it. A document that received a new version after the transfer is kept: the service does not
   * hold that version.
   *
   * <p>The reply is journaled as {@link JournalOperation#ARCHIVE_ACCEPTED} or {@link
   * JournalOperation#ARCHIVE_REJECTED} with its SHA-512: keep the reply's bytes, the journal proves
   * which reply was acted upon. Each destruction is journaled by the safe ({@code DESTROY}, or
   * {@code DESTROY_REFUSED} when retention forbids it).
   *
   * <p>Do not deposit new versions of the transferred documents while this runs: the safe checks
   * the version before destroying, but the check and the destruction are not one atomic step.
   *
   * @param receipt what {@link #export} returned for the transfer
   * @param reply the service's reply, from {@link ArchiveTransferReply#parse}
   * @param actor who eliminates (journaled)
   * @return what happened to each document
   * @throws InvalidArchiveReplyException if the reply does not answer this transfer (identifier or
   *     agencies differ); nothing is journaled or destroyed
   * @throws IntegrityViolationException if the receipt does not match the transfer recorded in the
   *     journal
   * @throws ArchiveTransferRejectedException if the service did not accept the transfer; the reply
   *     is journaled, nothing is destroyed
   */
  public EliminationReport eliminate(
      ArchiveTransferReceipt receipt, ArchiveTransferReply reply, String actor) {
    Objects.requireNonNull(receipt, "receipt");
    Objects.requireNonNull(reply, "reply");
    Names.requireValidText("actor", actor, 256);
    if (!reply.messageRequestIdentifier().equals(receipt.messageIdentifier())
        || !reply.archivalAgencyIdentifier().equals(receipt.archivalAgencyIdentifier())
        || !reply.transferringAgencyIdentifier().equals(receipt.transferringAgencySiret())) {
      throw new InvalidArchiveReplyException(
          "the reply does not answer transfer " + receipt.messageIdentifier());
    }
    requireJournaled(receipt);
    boolean accepted = reply.accepted();
    safe.journalArchiving(
        receipt.tenant(),
        actor,
        accepted ? JournalOperation.ARCHIVE_ACCEPTED : JournalOperation.ARCHIVE_REJECTED,
        "",
        receipt.messageIdentifier(),
        0,
        "SHA-512:" + reply.sha512());
    if (!accepted) {
      throw new ArchiveTransferRejectedException(
          receipt.messageIdentifier(), reply.replyCode().orElse(null));
    }
    List<EliminationReport.Outcome> outcomes = new ArrayList<>();
    for (ArchivedDocument d : receipt.documents()) {
      outcomes.add(new EliminationReport.Outcome(d.ref(), eliminate(d, actor)));
    }
    return new EliminationReport(receipt.messageIdentifier(), outcomes);
  }

  private EliminationReport.Status eliminate(ArchivedDocument d, String actor) {
    DocumentMetadata current;
    try {
      current = safe.metadata(d.ref(), actor);
    } catch (DocumentNotFoundException gone) {
      return EliminationReport.Status.ALREADY_GONE;
    }
    if (current.version() != d.version()
        || current.digestAlgorithm() != d.digestAlgorithm()
        || !current.digest().equals(d.digest())) {
      return EliminationReport.Status.CHANGED_SINCE_TRANSFER;
    }
    try {
      safe.destroy(d.ref(), actor);
      return EliminationReport.Status.DESTROYED;
    } catch (RetentionLockedException retained) {
      return EliminationReport.Status.RETAINED;
    }
  }

  /** The receipt must name the transfer entry of the journal, with the same manifest digest. */
  private void requireJournaled(ArchiveTransferReceipt receipt) {
    List<JournalEntry> entries = safe.journal(receipt.tenant(), receipt.journalSequence(), 1);
    if (entries.isEmpty()) {
      safe.integrityFailure("other");
      throw new IntegrityViolationException("the transfer receipt is not in the journal");
    }
    JournalEntry e = entries.get(0);
    if (e.sequence() != receipt.journalSequence()
        || e.operation() != JournalOperation.ARCHIVE_TRANSFERRED
        || !e.container().isEmpty()
        || !e.documentId().equals(receipt.messageIdentifier())
        || !e.digest().equals("SHA-512:" + receipt.manifestSha512())) {
      safe.integrityFailure("other");
      throw new IntegrityViolationException("the transfer receipt does not match the journal");
    }
  }

  /** Streams one version into the package, recomputing its digest and size. */
  private ArchivedDocument copyChecked(SedaManifest.Entry e, String actor, OutputStream zip)
      throws IOException {
    DocumentMetadata m = e.metadata();
    MessageDigest md = Hashing.digest(m.digestAlgorithm().jcaName());
    long size = 0;
    try (InputStream in = safe.read(m.ref(), m.version(), actor)) {
      byte[] buf = new byte[BUFFER];
      int r;
      while ((r = in.read(buf)) != -1) {
        md.update(buf, 0, r);
        zip.write(buf, 0, r);
        size += r;
      }
    }
    String digest = Hashing.hex(md.digest());
    if (size != m.size()
        || !MessageDigest.isEqual(
            digest.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            m.digest().getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
      safe.integrityFailure("other");
      throw new IntegrityViolationException(
          "a document does not match its recorded digest during the export; the package is void");
    }
    return new ArchivedDocument(
        m.ref(), m.version(), size, m.digestAlgorithm(), digest, e.objectId(), e.uri());
  }

  /** A safe file extension from the original filename, or none. */
  private static String extension(DocumentMetadata m) {
    String name = m.originalFilename().orElse("");
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return "";
    }
    String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return EXTENSION.matcher(ext).matches() ? "." + ext : "";
  }
}
