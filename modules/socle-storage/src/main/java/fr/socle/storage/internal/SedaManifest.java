package fr.socle.storage.internal;

import fr.socle.storage.ArchiveItem;
import fr.socle.storage.ArchiveTransferRequest;
import fr.socle.storage.DocumentMetadata;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the SEDA {@code ArchiveTransfer} manifest of a SIP with the JDK's StAX writer, elements in
 * the order the official XSDs require (seda-2.x-main.xsd {@code ArchiveTransferType}, technical
 * {@code BinaryDataObjectType}, ontology {@code BaseObjectGroup}).
 */
public final class SedaManifest {
  /** The 2.2 and 2.3 {@code DataObjectVersion} of an original: usage "BinaryMaster", version 1. */
  private static final String MASTER = "BinaryMaster_1";

  private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newDefaultFactory();

  private SedaManifest() {}

  /** One binary of the package: the description, the safe's record, and where it sits. */
  public record Entry(ArchiveItem item, DocumentMetadata metadata, String objectId, String uri) {}

  /**
   * Writes the manifest.
   *
   * @param request the transfer
   * @param date the transfer's date
   * @param entries the binaries, in order
   * @param out where to write (not closed)
   * @throws XMLStreamException if writing fails
   */
  public static void write(
      ArchiveTransferRequest request, Instant date, List<Entry> entries, OutputStream out)
      throws XMLStreamException {
    XMLStreamWriter w = OUTPUT.createXMLStreamWriter(out, "UTF-8");
    String ns = request.version().namespace();
    w.writeStartDocument("UTF-8", "1.0");
    w.writeStartElement("", "ArchiveTransfer", ns);
    w.writeDefaultNamespace(ns);
    w.setDefaultNamespace(ns);
    if (request.comment().isPresent()) {
      text(w, ns, "Comment", request.comment().get());
    }
    text(w, ns, "Date", DateTimeFormatter.ISO_INSTANT.format(date.truncatedTo(ChronoUnit.SECONDS)));
    text(w, ns, "MessageIdentifier", request.messageIdentifier());
    if (request.archivalAgreement().isPresent()) {
      text(w, ns, "ArchivalAgreement", request.archivalAgreement().get());
    }
    // Required by the XSD even when empty: the code lists are the service's defaults.
    w.writeEmptyElement(ns, "CodeListVersions");
    w.writeStartElement(ns, "DataObjectPackage");
    for (Entry e : entries) {
      binaryDataObject(w, ns, e);
    }
    w.writeStartElement(ns, "DescriptiveMetadata");
    int unit = 1;
    for (Entry e : entries) {
      archiveUnit(w, ns, "AU" + unit++, e);
    }
    w.writeEndElement();
    w.writeStartElement(ns, "ManagementMetadata");
    text(w, ns, "OriginatingAgencyIdentifier", request.originatingAgencySiret());
    w.writeEndElement();
    w.writeEndElement(); // DataObjectPackage
    w.writeStartElement(ns, "ArchivalAgency");
    text(w, ns, "Identifier", request.archivalAgencyIdentifier());
    w.writeEndElement();
    w.writeStartElement(ns, "TransferringAgency");
    text(w, ns, "Identifier", request.transferringAgencySiret());
    w.writeEndElement();
    w.writeEndElement(); // ArchiveTransfer
    w.writeEndDocument();
    w.flush();
    w.close();
  }

  private static void binaryDataObject(XMLStreamWriter w, String ns, Entry e)
      throws XMLStreamException {
    DocumentMetadata m = e.metadata();
    w.writeStartElement(ns, "BinaryDataObject");
    w.writeAttribute("id", e.objectId());
    text(w, ns, "DataObjectVersion", MASTER);
    text(w, ns, "Uri", e.uri());
    w.writeStartElement(ns, "MessageDigest");
    w.writeAttribute("algorithm", m.digestAlgorithm().jcaName());
    w.writeCharacters(m.digest());
    w.writeEndElement();
    // Size is an xsd:positiveInteger: an empty document has no Size element.
    if (m.size() > 0) {
      text(w, ns, "Size", Long.toString(m.size()));
    }
    w.writeStartElement(ns, "FormatIdentification");
    text(w, ns, "MimeType", mediaType(m.contentType()));
    w.writeEndElement();
    if (m.originalFilename().isPresent()) {
      w.writeStartElement(ns, "FileInfo");
      text(w, ns, "Filename", m.originalFilename().get());
      w.writeEndElement();
    }
    w.writeEndElement();
  }

  private static void archiveUnit(XMLStreamWriter w, String ns, String id, Entry e)
      throws XMLStreamException {
    ArchiveItem item = e.item();
    w.writeStartElement(ns, "ArchiveUnit");
    w.writeAttribute("id", id);
    w.writeStartElement(ns, "Content");
    text(w, ns, "DescriptionLevel", item.level().sedaName());
    text(w, ns, "Title", item.title());
    text(w, ns, "OriginatingSystemId", originatingSystemId(e));
    if (item.description().isPresent()) {
      text(w, ns, "Description", item.description().get());
    }
    if (item.startDate().isPresent()) {
      text(w, ns, "StartDate", item.startDate().get().toString());
    }
    if (item.endDate().isPresent()) {
      text(w, ns, "EndDate", item.endDate().get().toString());
    }
    w.writeEndElement();
    w.writeStartElement(ns, "DataObjectReference");
    text(w, ns, "DataObjectReferenceId", e.objectId());
    w.writeEndElement();
    w.writeEndElement();
  }

  /** Where the archive came from in the safe, so the service's copy can be traced back. */
  private static String originatingSystemId(Entry e) {
    DocumentMetadata m = e.metadata();
    return m.ref().container() + "/" + m.ref().id() + "/v" + m.version();
  }

  /** The media type without parameters ({@code text/plain; charset=UTF-8} → {@code text/plain}). */
  static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    return type.isEmpty() ? "application/octet-stream" : type;
  }

  private static void text(XMLStreamWriter w, String ns, String name, String value)
      throws XMLStreamException {
    w.writeStartElement(ns, name);
    w.writeCharacters(value);
    w.writeEndElement();
  }
}
