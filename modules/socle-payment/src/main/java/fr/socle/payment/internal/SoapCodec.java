package fr.socle.payment.internal;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import fr.socle.core.SocleClientException;
import fr.socle.payment.payfip.PayfipPaymentRequest;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * Builds and parses the PayFiP SOAP 1.1 messages with the StAX API (the JDK's writer, Woodstox's
 * reader), without WSDL.
 *
 * <p>Message shapes (spec §1.2): the operation wrapper is qualified with the service namespace, its
 * single child {@code arg0} and every field are unqualified; answers carry the fields under {@code
 * return}. Parsing is hardened: any DTD is refused outright (so no entity can be declared, expanded
 * or fetched), external access is disabled, and the tree is bounded in depth, element count and
 * text size. The factories are configured once and then only used to create readers and writers,
 * which both implementations support from several threads.
 */
public final class SoapCodec {
  /** SOAP 1.1 envelope namespace. */
  public static final String NS_SOAP = "http://schemas.xmlsoap.org/soap/envelope/";

  /** The PayFiP service namespace (operations and faults). */
  public static final String NS_SERVICE =
      "http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/"
          + "contrat_paiement_securise/PaiementSecuriseService";

  private static final int MAX_DEPTH = 16;
  private static final int MAX_ELEMENTS = 256;
  private static final int MAX_TEXT = 4096;

  private final WstxInputFactory inputFactory;
  private final XMLOutputFactory outputFactory;
  private final byte[] detailPrefix;
  private final byte[] detailSuffix;

  /** Creates a codec with hardened factories. */
  public SoapCodec() {
    // Woodstox rather than the JDK's parser for reading: the JDK creates every reader with its own
    // copy of the factory's settings, security manager and symbol table, which cost about three
    // times the parse of a whole PayFiP answer; Woodstox shares its symbol table between the
    // readers of a factory (thread-safely) and creates them cheaply (see
    // docs/benchmarks/payment.md).
    WstxInputFactory in = new WstxInputFactory();
    in.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    in.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    in.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    // Belt and braces: the parser's own limits, in case a DTD slipped through.
    in.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 16L);
    in.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 2);
    in.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, MAX_DEPTH + 1);
    in.setProperty(WstxInputProperties.P_MAX_ELEMENT_COUNT, (long) MAX_ELEMENTS + 1);
    in.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, 64);
    in.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, MAX_TEXT);
    this.inputFactory = in;
    this.outputFactory = XMLOutputFactory.newDefaultFactory();
    byte[][] template = detailTemplate();
    this.detailPrefix = template[0];
    this.detailSuffix = template[1];
  }

  /**
   * Builds a {@code creerPaiementSecurise} request. Fields in the order of the WSDL's types.
   *
   * @param r the validated request
   * @return the envelope, UTF-8
   */
  public byte[] createPayment(PayfipPaymentRequest r) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("exer", Integer.toString(r.exer()));
    fields.put("mel", r.mel());
    fields.put("montant", Long.toString(r.amountCents()));
    fields.put("numcli", r.numcli());
    if (!r.objet().isEmpty()) {
      fields.put("objet", r.objet());
    }
    fields.put("refdet", r.refdet());
    fields.put("saisie", String.valueOf(r.saisie().code()));
    fields.put("urlnotif", r.urlnotif().toASCIIString());
    fields.put("urlredirect", r.urlredirect().toASCIIString());
    return envelope("creerPaiementSecurise", fields);
  }

  /**
   * Builds a {@code recupererDetailPaiementSecurise} request. The element is {@code idOp}, so
   * cased: PayFiP answers P1 to {@code idop}.
   *
   * @param idOp the operation id
   * @return the envelope, UTF-8
   */
  public byte[] paymentDetail(String idOp) {
    if (!IdOps.isWellFormed(idOp)) {
      return envelope("recupererDetailPaiementSecurise", Map.of("idOp", idOp));
    }
    // The lookup of every notification: a well-formed id (letters, digits and hyphens) needs no
    // escaping, so the envelope is the writer's output for it, cut around the id once.
    byte[] id = idOp.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[detailPrefix.length + id.length + detailSuffix.length];
    System.arraycopy(detailPrefix, 0, out, 0, detailPrefix.length);
    System.arraycopy(id, 0, out, detailPrefix.length, id.length);
    System.arraycopy(detailSuffix, 0, out, detailPrefix.length + id.length, detailSuffix.length);
    return out;
  }

  /** The envelope {@link #paymentDetail(String)} sends, always through the XML writer. */
  byte[] writtenPaymentDetail(String idOp) {
    return envelope("recupererDetailPaiementSecurise", Map.of("idOp", idOp));
  }

  /** Builds a template's two parts: the envelope written for a marker id, cut at the marker. */
  private byte[][] detailTemplate() {
    String marker = "0-socle-marker-0";
    byte[] whole = envelope("recupererDetailPaiementSecurise", Map.of("idOp", marker));
    String text = new String(whole, StandardCharsets.UTF_8);
    int at = text.indexOf(marker);
    return new byte[][] {
      text.substring(0, at).getBytes(StandardCharsets.UTF_8),
      text.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8)
    };
  }

  /**
   * Builds a {@code recupererDetailClient} request (element {@code numCli}, capital C).
   *
   * @param numcli the client number
   * @return the envelope, UTF-8
   */
  public byte[] clientDetail(String numcli) {
    return envelope("recupererDetailClient", Map.of("numCli", numcli));
  }

  private byte[] envelope(String operation, Map<String, String> fields) {
    // A Writer, then one UTF-8 encoding: several times cheaper than a writer on an OutputStream,
    // which sets up a charset encoder per message.
    StringWriter out = new StringWriter(1024);
    try {
      XMLStreamWriter w = outputFactory.createXMLStreamWriter(out);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement("soapenv", "Envelope", NS_SOAP);
      w.writeNamespace("soapenv", NS_SOAP);
      w.writeNamespace("pai", NS_SERVICE);
      w.writeEmptyElement("soapenv", "Header", NS_SOAP);
      w.writeStartElement("soapenv", "Body", NS_SOAP);
      w.writeStartElement("pai", operation, NS_SERVICE);
      w.writeStartElement("arg0");
      for (Map.Entry<String, String> f : fields.entrySet()) {
        w.writeStartElement(f.getKey());
        w.writeCharacters(f.getValue());
        w.writeEndElement();
      }
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      // Writing to memory cannot fail in practice; if it does, fail as a client-side error.
      throw new SocleClientException("cannot write a SOAP request", e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parses an answer.
   *
   * @param body the HTTP body
   * @param responseName the expected wrapper, for example {@code creerPaiementSecuriseResponse}
   * @return the fields of {@code return}, or the fault
   * @throws InvalidSoapException if the body is not a well-formed, DTD-free SOAP 1.1 answer of the
   *     expected shape
   */
  public Answer parse(byte[] body, String responseName) {
    Node envelope = readTree(body);
    if (!NS_SOAP.equals(envelope.ns) || !"Envelope".equals(envelope.name)) {
      throw new InvalidSoapException("not a SOAP 1.1 envelope");
    }
    Node soapBody = null;
    for (Node child : envelope.children) {
      if (NS_SOAP.equals(child.ns) && "Body".equals(child.name)) {
        if (soapBody != null) {
          throw new InvalidSoapException("more than one SOAP Body");
        }
        soapBody = child;
      }
    }
    if (soapBody == null || soapBody.children.size() != 1) {
      throw new InvalidSoapException("the SOAP Body must hold exactly one element");
    }
    Node content = soapBody.children.get(0);
    if (NS_SOAP.equals(content.ns) && "Fault".equals(content.name)) {
      return new Answer(Map.of(), fault(content));
    }
    if (!responseName.equals(content.name)) {
      throw new InvalidSoapException("unexpected answer element");
    }
    Node ret = content.only("return");
    if (ret == null) {
      throw new InvalidSoapException("no single return element in the answer");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (Node field : ret.children) {
      if (!field.children.isEmpty()) {
        throw new InvalidSoapException("unexpected structured field in the answer");
      }
      if (fields.put(field.name, field.text.toString().trim()) != null) {
        throw new InvalidSoapException("repeated field in the answer: " + field.name);
      }
    }
    return new Answer(Collections.unmodifiableMap(fields), null);
  }

  private static Fault fault(Node fault) {
    Node faultString = fault.only("faultstring");
    Node detail = fault.only("detail");
    String typeName = faultString == null ? null : faultString.text.toString().trim();
    Map<String, String> info = new LinkedHashMap<>();
    if (detail != null && detail.children.size() == 1) {
      Node type = detail.children.get(0);
      typeName = type.name;
      for (Node f : type.children) {
        info.putIfAbsent(f.name, f.text.toString().trim());
      }
    }
    return new Fault(typeName, emptyToNull(info.get("code")), emptyToNull(info.get("libelle")));
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private Node readTree(byte[] body) {
    XMLStreamReader r = null;
    try {
      r = inputFactory.createXMLStreamReader(new ByteArrayInputStream(body));
      List<Node> stack = new ArrayList<>();
      Node root = null;
      int elements = 0;
      while (r.hasNext()) {
        int event = r.next();
        switch (event) {
          case XMLStreamConstants.DTD:
            throw new InvalidSoapException("document type declarations are refused");
          case XMLStreamConstants.ENTITY_REFERENCE:
            throw new InvalidSoapException("entity references are refused");
          case XMLStreamConstants.START_ELEMENT:
            if (++elements > MAX_ELEMENTS || stack.size() >= MAX_DEPTH) {
              throw new InvalidSoapException("answer too deep or too large");
            }
            Node node = new Node(r.getNamespaceURI(), r.getLocalName());
            if (stack.isEmpty()) {
              if (root != null) {
                throw new InvalidSoapException("more than one root element");
              }
              root = node;
            } else {
              stack.get(stack.size() - 1).children.add(node);
            }
            stack.add(node);
            break;
          case XMLStreamConstants.END_ELEMENT:
            stack.remove(stack.size() - 1);
            break;
          case XMLStreamConstants.CHARACTERS:
          case XMLStreamConstants.CDATA:
          case XMLStreamConstants.SPACE:
            if (!stack.isEmpty()) {
              Node current = stack.get(stack.size() - 1);
              if (current.text.length() + r.getTextLength() > MAX_TEXT) {
                throw new InvalidSoapException("text field too long");
              }
              current.text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
            }
            break;
          default:
            break;
        }
      }
      if (root == null) {
        throw new InvalidSoapException("empty document");
      }
      return root;
    } catch (XMLStreamException | RuntimeException e) {
      if (e instanceof InvalidSoapException) {
        throw (InvalidSoapException) e;
      }
      throw new InvalidSoapException("not well-formed XML", e);
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing to release beyond the in-memory stream
        }
      }
    }
  }

  /**
   * A parsed answer: either fields or a fault.
   *
   * @param fields the children of {@code return}, by local name (empty for a fault)
   * @param fault the fault, or null
   */
  public record Answer(Map<String, String> fields, Fault fault) {}

  /**
   * A parsed SOAP fault.
   *
   * @param typeName the detail element's local name, or the faultstring, or null
   * @param code the {@code code}, or null
   * @param label the {@code libelle}, or null
   */
  public record Fault(String typeName, String code, String label) {}

  /** The body is not an acceptable SOAP answer. */
  public static final class InvalidSoapException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidSoapException(String message) {
      super(message);
    }

    InvalidSoapException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final class Node {
    final String ns;
    final String name;
    final StringBuilder text = new StringBuilder();
    final List<Node> children = new ArrayList<>(4);

    Node(String ns, String name) {
      this.ns = ns == null || ns.isEmpty() ? "" : ns;
      this.name = Objects.requireNonNull(name, "name");
    }

    Node only(String localName) {
      Node found = null;
      for (Node c : children) {
        if (localName.equals(c.name)) {
          if (found != null) {
            return null;
          }
          found = c;
        }
      }
      return found;
    }
  }
}
