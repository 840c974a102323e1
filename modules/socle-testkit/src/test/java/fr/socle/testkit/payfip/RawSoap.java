package fr.socle.testkit.payfip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Hand-made SOAP 1.1 calls, to test the simulator on the wire without any Socle client. */
final class RawSoap {
  static final String NS =
      "http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/"
          + "contrat_paiement_securise/PaiementSecuriseService";
  static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";

  final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final URI endpoint;

  RawSoap(URI endpoint) {
    this.endpoint = endpoint;
  }

  static String envelope(String operation, String arg0Content) {
    return "<soapenv:Envelope xmlns:soapenv=\""
        + SOAP_NS
        + "\" xmlns:pai=\""
        + NS
        + "\"><soapenv:Header/><soapenv:Body><pai:"
        + operation
        + "><arg0>"
        + arg0Content
        + "</arg0></pai:"
        + operation
        + "></soapenv:Body></soapenv:Envelope>";
  }

  static String fields(Map<String, String> fields) {
    StringBuilder s = new StringBuilder();
    fields.forEach(
        (k, v) -> s.append('<').append(k).append('>').append(v).append("</").append(k).append('>'));
    return s.toString();
  }

  static Map<String, String> creerFields(String numcli, String refdet, String montant) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("exer", "2026");
    f.put("mel", "payeur@example.org");
    f.put("montant", montant);
    f.put("numcli", numcli);
    f.put("objet", "Cantine novembre");
    f.put("refdet", refdet);
    f.put("saisie", "T");
    f.put("urlnotif", "http://127.0.0.1:9/notif");
    f.put("urlredirect", "http://127.0.0.1:9/retour");
    return f;
  }

  HttpResponse<String> post(String body) throws IOException, InterruptedException {
    return post(body, "text/xml; charset=utf-8", Duration.ofSeconds(10));
  }

  HttpResponse<String> post(String body, String contentType, Duration timeout)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", contentType)
            .header("SOAPAction", "\"\"")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> call(String operation, Map<String, String> fields)
      throws IOException, InterruptedException {
    return post(envelope(operation, fields(fields)));
  }

  String createIdOp(String numcli, String refdet, long montant) throws Exception {
    HttpResponse<String> r =
        call("creerPaiementSecurise", creerFields(numcli, refdet, Long.toString(montant)));
    if (r.statusCode() != 200) {
      throw new AssertionError("creerPaiementSecurise failed: " + r.body());
    }
    return text(parse(r.body()), "idOp");
  }

  String createIdOp(Map<String, String> fields) throws Exception {
    HttpResponse<String> r = call("creerPaiementSecurise", fields);
    if (r.statusCode() != 200) {
      throw new AssertionError("creerPaiementSecurise failed: " + r.body());
    }
    return text(parse(r.body()), "idOp");
  }

  HttpResponse<String> detail(String idOp) throws IOException, InterruptedException {
    return call("recupererDetailPaiementSecurise", Map.of("idOp", idOp));
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  /** The text of the only unqualified element with this name. */
  static String text(Document doc, String localName) {
    NodeList list = doc.getElementsByTagNameNS("*", localName);
    if (list.getLength() != 1) {
      throw new AssertionError(list.getLength() + " elements named " + localName);
    }
    return list.item(0).getTextContent();
  }

  /** The unqualified children of {@code return}, in document order. */
  static Map<String, String> returned(Document doc) {
    Element ret = (Element) doc.getElementsByTagNameNS("*", "return").item(0);
    Map<String, String> map = new LinkedHashMap<>();
    for (Node n = ret.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        if (e.getNamespaceURI() != null) {
          throw new AssertionError("qualified field " + e.getTagName());
        }
        map.put(e.getLocalName(), e.getTextContent());
      }
    }
    return map;
  }

  /** The fault detail element's local name and its children, or an AssertionError. */
  static Fault fault(String xml) throws Exception {
    Document doc = parse(xml);
    Element detail = (Element) doc.getElementsByTagName("detail").item(0);
    Element type = null;
    if (detail != null) {
      for (Node n = detail.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e) {
          type = e;
          break;
        }
      }
    }
    return new Fault(
        text(doc, "faultcode"),
        text(doc, "faultstring"),
        type == null ? null : type.getLocalName(),
        type == null ? null : type.getNamespaceURI(),
        type == null ? null : text(doc, "code"),
        type == null ? null : text(doc, "libelle"),
        type == null ? null : text(doc, "severite"));
  }

  record Fault(
      String faultcode,
      String faultstring,
      String type,
      String typeNamespace,
      String code,
      String libelle,
      String severite) {}
}
