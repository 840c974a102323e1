package fr.socle.testkit.payfip;

import fr.socle.core.SocleException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads SOAP 1.1 requests and writes answers shaped like the real service's (JAX-WS style {@code
 * S:} prefix, qualified operation element, unqualified fields; spec §1.2 to §1.9).
 *
 * <p>Parsing refuses any DOCTYPE, so no DTD, external entity or entity expansion is ever processed.
 */
final class SoapCodec {
  static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
  static final String SOAP12_NS = "http://www.w3.org/2003/05/soap-envelope";
  static final String SERVICE_NS =
      "http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/"
          + "contrat_paiement_securise/PaiementSecuriseService";
  static final String EXCEPTION_PACKAGE = "fr.gouv.finances.cp.tpa.webservice.exceptions.";

  /** A parsed call: the operation element and the unqualified children of its {@code arg0}. */
  record SoapCall(String operationNamespace, String operation, Map<String, String> fields) {}

  /** The request is not a SOAP 1.1 message the endpoint can dispatch. */
  static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;
    final String faultCode;

    BadRequest(String faultCode, String message) {
      super(message, null, false, false);
      this.faultCode = faultCode;
    }
  }

  private static final DocumentBuilderFactory FACTORY = secureFactory();
  private static final ThreadLocal<DocumentBuilder> BUILDER =
      ThreadLocal.withInitial(SoapCodec::newBuilder);
  private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

  private SoapCodec() {}

  private static DocumentBuilderFactory secureFactory() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      return f;
    } catch (ParserConfigurationException e) {
      throw new SocleException("the JDK XML parser cannot be configured securely", e);
    }
  }

  private static DocumentBuilder newBuilder() {
    try {
      DocumentBuilder builder;
      synchronized (FACTORY) {
        builder = FACTORY.newDocumentBuilder();
      }
      // The default handler prints "[Fatal Error]" to stderr; errors are reported as exceptions.
      builder.setErrorHandler(
          new DefaultHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) throws SAXException {
              throw e;
            }
          });
      return builder;
    } catch (ParserConfigurationException e) {
      throw new SocleException("the JDK XML parser cannot be configured securely", e);
    }
  }

  static SoapCall parse(byte[] body) throws BadRequest {
    Document doc;
    DocumentBuilder builder = BUILDER.get();
    try {
      builder.reset();
      doc = builder.parse(new ByteArrayInputStream(body));
    } catch (SAXException | IOException e) {
      // Metro answers an unreadable message with a Client fault and no detail.
      throw new BadRequest(
          "S:Client", "Couldn't create SOAP message due to exception: XML reader error");
    }
    Element envelope = doc.getDocumentElement();
    if (!"Envelope".equals(envelope.getLocalName())) {
      throw new BadRequest("S:Client", "Cannot create a SOAP message: no Envelope element");
    }
    if (!SOAP_NS.equals(envelope.getNamespaceURI())) {
      throw new BadRequest(
          "S:VersionMismatch",
          "Couldn't create SOAP message. Expecting Envelope in namespace " + SOAP_NS);
    }
    Element body1 = child(envelope, SOAP_NS, "Body");
    if (body1 == null) {
      throw new BadRequest("S:Client", "Cannot find the SOAP Body");
    }
    Element operation = firstElement(body1);
    if (operation == null) {
      throw new BadRequest("S:Client", "Cannot find dispatch method for an empty Body");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    // JAXB binds only the unqualified arg0 and its unqualified children; anything else is ignored,
    // which is why <idop> instead of <idOp> reaches the service as "no idOp" (spec §1.3).
    Element arg0 = child(operation, null, "arg0");
    if (arg0 != null) {
      for (Node n = arg0.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e && e.getNamespaceURI() == null) {
          fields.put(e.getLocalName(), e.getTextContent());
        }
      }
    }
    return new SoapCall(operation.getNamespaceURI(), operation.getLocalName(), fields);
  }

  private static Element child(Element parent, String ns, String localName) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && localName.equals(e.getLocalName())
          && java.util.Objects.equals(ns, e.getNamespaceURI())) {
        return e;
      }
    }
    return null;
  }

  private static Element firstElement(Element parent) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        return e;
      }
    }
    return null;
  }

  /** {@code <ns2:<operation>Response><return>fields</return></ns2:...>}. */
  static byte[] response(String operation, List<Map.Entry<String, String>> fields) {
    return write(
        w -> {
          w.writeStartElement("ns2", operation + "Response", SERVICE_NS);
          w.writeNamespace("ns2", SERVICE_NS);
          w.writeStartElement("return");
          for (Map.Entry<String, String> f : fields) {
            w.writeStartElement(f.getKey());
            w.writeCharacters(f.getValue());
            w.writeEndElement();
          }
          w.writeEndElement();
          w.writeEndElement();
        });
  }

  static byte[] functionalFault(String code, String libelle) {
    return fault(
        "S:Server",
        EXCEPTION_PACKAGE + "FonctionnelleErreur",
        "FonctionnelleErreur",
        code,
        libelle,
        "2");
  }

  static byte[] technicalFault(TechnicalFault family) {
    return fault(
        "S:Server",
        EXCEPTION_PACKAGE + family.detailElement(),
        family.detailElement(),
        "999",
        family.libelle(),
        "3");
  }

  /** A fault raised by the SOAP stack itself, before the service: no detail element. */
  static byte[] stackFault(String faultCode, String message) {
    return fault(faultCode, message, null, null, null, null);
  }

  private static byte[] fault(
      String faultCode,
      String faultString,
      String detailType,
      String code,
      String libelle,
      String severite) {
    return write(
        w -> {
          w.writeStartElement("S", "Fault", SOAP_NS);
          w.writeNamespace("ns4", SOAP12_NS);
          text(w, "faultcode", faultCode);
          text(w, "faultstring", faultString);
          if (detailType != null) {
            w.writeStartElement("detail");
            w.writeStartElement("ns2", detailType, SERVICE_NS);
            w.writeNamespace("ns2", SERVICE_NS);
            text(w, "code", code);
            w.writeEmptyElement("descriptif");
            text(w, "libelle", libelle);
            text(w, "severite", severite);
            w.writeEndElement();
            w.writeEndElement();
          }
          w.writeEndElement();
        });
  }

  private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(value);
    w.writeEndElement();
  }

  private interface BodyWriter {
    void write(XMLStreamWriter w) throws XMLStreamException;
  }

  private static byte[] write(BodyWriter body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try {
      XMLStreamWriter w = OUTPUT.createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement("S", "Envelope", SOAP_NS);
      w.writeNamespace("S", SOAP_NS);
      w.writeStartElement("S", "Body", SOAP_NS);
      body.write(w);
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new SocleException("cannot write a SOAP message", e);
    }
    return out.toByteArray();
  }
}
