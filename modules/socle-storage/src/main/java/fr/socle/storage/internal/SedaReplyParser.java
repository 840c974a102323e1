package fr.socle.storage.internal;

import fr.socle.storage.ArchiveTransferReply;
import fr.socle.storage.InvalidArchiveReplyException;
import fr.socle.storage.SedaVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an {@code ArchiveTransferReply} with the JDK's StAX parser, hardened: no DTD, no external
 * entity, bounded size, every element Socle uses present exactly once (a repeated element could be
 * read differently by two parsers, so it is refused rather than resolved).
 */
public final class SedaReplyParser {
  private static final int MAX_TEXT = 1024;
  private static final Set<String> TOP =
      Set.of("Date", "MessageIdentifier", "ReplyCode", "MessageRequestIdentifier", "GrantDate");
  private static final Set<String> AGENCIES = Set.of("ArchivalAgency", "TransferringAgency");

  private SedaReplyParser() {}

  /**
   * Parses a reply.
   *
   * @param in the bytes
   * @param maxBytes the size cap
   * @return the reply
   */
  public static ArchiveTransferReply parse(InputStream in, int maxBytes) {
    byte[] bytes;
    try {
      bytes = in.readNBytes(maxBytes + 1);
    } catch (IOException e) {
      throw new InvalidArchiveReplyException("the archive transfer reply could not be read", e);
    }
    if (bytes.length > maxBytes) {
      throw new InvalidArchiveReplyException("the archive transfer reply is too large");
    }
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    try {
      XMLStreamReader r = factory.createXMLStreamReader(new ByteArrayInputStream(bytes));
      try {
        return read(r, Hashing.hex(Hashing.digest("SHA-512").digest(bytes)));
      } finally {
        r.close();
      }
    } catch (XMLStreamException | RuntimeException e) {
      if (e instanceof InvalidArchiveReplyException invalid) {
        throw invalid;
      }
      throw new InvalidArchiveReplyException("the archive transfer reply is not well-formed", e);
    }
  }

  private static ArchiveTransferReply read(XMLStreamReader r, String sha512)
      throws XMLStreamException {
    SedaVersion version = null;
    String ns = null;
    Map<String, String> values = new HashMap<>();
    int depth = 0;
    String agency = null;
    while (r.hasNext()) {
      int event = r.next();
      switch (event) {
        case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
            throw invalid("a DTD or entity reference");
        case XMLStreamConstants.START_ELEMENT -> {
          depth++;
          if (depth == 1) {
            version = versionOf(r.getNamespaceURI());
            ns = r.getNamespaceURI();
            if (!"ArchiveTransferReply".equals(r.getLocalName())) {
              throw invalid("a root element other than ArchiveTransferReply");
            }
          } else if (ns.equals(r.getNamespaceURI())) {
            String name = r.getLocalName();
            if (depth == 2 && TOP.contains(name)) {
              put(values, name, text(r));
              depth--;
            } else if (depth == 2 && AGENCIES.contains(name)) {
              agency = name;
            } else if (depth == 3 && agency != null && "Identifier".equals(name)) {
              put(values, agency, text(r));
              depth--;
            }
          }
        }
        case XMLStreamConstants.END_ELEMENT -> {
          if (depth == 2) {
            agency = null;
          }
          depth--;
        }
        default -> {
          // Text between elements, comments and processing instructions carry nothing Socle uses.
        }
      }
    }
    if (version == null) {
      throw invalid("no root element");
    }
    return new ArchiveTransferReply(
        version,
        required(values, "MessageIdentifier"),
        required(values, "MessageRequestIdentifier"),
        required(values, "Date"),
        Optional.ofNullable(values.get("ReplyCode")),
        Optional.ofNullable(values.get("GrantDate")),
        required(values, "ArchivalAgency"),
        required(values, "TransferringAgency"),
        sha512);
  }

  private static SedaVersion versionOf(String namespace) {
    for (SedaVersion v : SedaVersion.values()) {
      if (v.namespace().equals(namespace)) {
        return v;
      }
    }
    throw invalid("an unknown namespace (SEDA 2.2 or 2.3 expected)");
  }

  private static String text(XMLStreamReader r) throws XMLStreamException {
    String text;
    try {
      text = r.getElementText().strip();
    } catch (XMLStreamException e) {
      throw invalid("an element with children where text was expected");
    }
    if (text.isEmpty() || text.length() > MAX_TEXT) {
      throw invalid("an empty or oversized value");
    }
    return text;
  }

  private static void put(Map<String, String> values, String name, String value) {
    if (values.putIfAbsent(name, value) != null) {
      throw invalid("a repeated " + name);
    }
  }

  private static String required(Map<String, String> values, String name) {
    String v = values.get(name);
    if (v == null) {
      throw invalid("no " + name);
    }
    return v;
  }

  private static InvalidArchiveReplyException invalid(String what) {
    return new InvalidArchiveReplyException(
        "the archive transfer reply was refused: it has " + what);
  }
}
