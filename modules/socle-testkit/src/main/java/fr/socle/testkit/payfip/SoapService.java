package fr.socle.testkit.payfip;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SOAP endpoint {@code /tpa/services/securite}: the three operations of the real service, its
 * functional and technical faults, and the transport failures a client meets in production.
 */
final class SoapService implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(SoapService.class);

  static final String PATH = "/tpa/services/securite";

  /** Far more than any real request (about 1 KB); larger bodies are refused before parsing. */
  static final int MAX_REQUEST_BYTES = 64 * 1024;

  private static final long MAX_DISCARDED_BYTES = 16L * 1024 * 1024;

  private static final Pattern NUMCLI = Pattern.compile("\\d{6}");
  private static final Pattern EXER = Pattern.compile("\\d{4}");
  private static final Pattern REFDET = Pattern.compile("[A-Za-z0-9]{6,30}");
  private static final Pattern DIGITS = Pattern.compile("\\d{1,15}");
  private static final Pattern OBJET = Pattern.compile("[A-Za-z0-9 ]{0,100}");
  private static final Pattern SAISIE = Pattern.compile("[TXW]");
  private static final long MIN_MONTANT = 100;
  private static final long MAX_MONTANT = 10_000_000;
  private static final DateTimeFormatter DATTRANS = DateTimeFormatter.ofPattern("ddMMyyyy");
  private static final DateTimeFormatter HEURTRANS = DateTimeFormatter.ofPattern("HHmm");

  private final OperationStore store;
  private final Map<String, List<String>> clients;
  private final MisbehaviourBoard board;
  private final FrontDoor frontDoor;

  SoapService(
      OperationStore store,
      Map<String, List<String>> clients,
      MisbehaviourBoard board,
      FrontDoor frontDoor) {
    this.store = store;
    this.clients = clients;
    this.board = board;
    this.frontDoor = frontDoor;
  }

  /** A functional fault of the service: code and label as the real service words them. */
  private static final class Fault extends Exception {
    private static final long serialVersionUID = 1L;
    final String code;
    final String libelle;

    Fault(String code, String libelle) {
      super(code, null, false, false);
      this.code = code;
      this.libelle = libelle;
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        sendText(exchange, 404, "text/plain", "Not Found");
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().add("Allow", "POST");
        sendText(exchange, 405, "text/plain", "SOAP 1.1 endpoint: POST only (no WSDL served)");
        return;
      }
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (contentType == null || !contentType.toLowerCase().startsWith("text/xml")) {
        sendText(
            exchange,
            415,
            "text/plain",
            "Unsupported Content-Type: " + contentType + " Supported ones are: [text/xml]");
        return;
      }
      byte[] body = readBounded(exchange.getRequestBody());
      if (body == null) {
        // The rest is read and thrown away (never kept), up to a limit, so that the caller is still
        // reading when the 413 arrives instead of meeting a reset while it sends.
        discard(exchange.getRequestBody(), MAX_DISCARDED_BYTES);
        sendText(exchange, 413, "text/plain", "Request Entity Too Large");
        return;
      }
      Optional<Misbehaviour> slow = board.take(Misbehaviour.Kind.SLOW_SOAP);
      if (slow.isPresent() && !sleep(slow.get().delay())) {
        return;
      }
      if (board.take(Misbehaviour.Kind.CONNECTION_RESET).isPresent()) {
        // The request has been read; the caller gets a TCP reset and not one byte of answer.
        // Closing the exchange before any header also drops the internal connection.
        log.debug("PayFiP simulator: resetting the connection on demand");
        frontDoor.reset(exchange.getRemoteAddress());
        return;
      }
      if (board.take(Misbehaviour.Kind.BAD_GATEWAY).isPresent()) {
        sendText(
            exchange,
            502,
            "text/html",
            "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway"
                + "</h1></center><hr><center>nginx</center></body></html>");
        return;
      }
      SoapCodec.SoapCall call;
      try {
        call = SoapCodec.parse(body);
      } catch (SoapCodec.BadRequest e) {
        sendXml(exchange, 500, SoapCodec.stackFault(e.faultCode, e.getMessage()));
        return;
      }
      Optional<Misbehaviour> technical = board.take(Misbehaviour.Kind.TECHNICAL_FAULT);
      if (technical.isPresent()) {
        sendXml(exchange, 500, SoapCodec.technicalFault(technical.get().fault()));
        return;
      }
      byte[] answer;
      try {
        answer = dispatch(call);
      } catch (Fault f) {
        log.debug("PayFiP simulator: {} answers fault {}", call.operation(), f.code);
        sendXml(exchange, 500, SoapCodec.functionalFault(f.code, f.libelle));
        return;
      } catch (UnknownOperation e) {
        sendXml(exchange, 500, SoapCodec.stackFault("S:Client", e.getMessage()));
        return;
      }
      sendXml(exchange, 200, answer);
    }
  }

  private static final class UnknownOperation extends Exception {
    private static final long serialVersionUID = 1L;

    UnknownOperation(String message) {
      super(message, null, false, false);
    }
  }

  private byte[] dispatch(SoapCodec.SoapCall call) throws Fault, UnknownOperation {
    if (SoapCodec.SERVICE_NS.equals(call.operationNamespace())) {
      switch (call.operation()) {
        case "creerPaiementSecurise":
          return creerPaiementSecurise(call.fields());
        case "recupererDetailPaiementSecurise":
          return recupererDetailPaiementSecurise(call.fields());
        case "recupererDetailClient":
          return recupererDetailClient(call.fields());
        default:
          break;
      }
    }
    throw new UnknownOperation(
        "Cannot find dispatch method for {" + call.operationNamespace() + "}" + call.operation());
  }

  private byte[] creerPaiementSecurise(Map<String, String> f) throws Fault {
    String numcli = requireClient(f.get("numcli"));
    String exer = f.get("exer");
    if (exer == null || !EXER.matcher(exer).matches()) {
      throw new Fault("E1", "Exercice incorrect.");
    }
    String refdet = f.get("refdet");
    if (refdet == null || !REFDET.matcher(refdet).matches()) {
      throw new Fault("R3", "Le format du paramètre REFDET n'est pas conforme");
    }
    // The mel is checked before the amount: the real service answered A2 to a request whose amount
    // was absurd as well (spec §1.9).
    String mel = f.get("mel");
    if (mel == null || mel.isEmpty()) {
      throw new Fault("A1", "Adresse mel absente.");
    }
    if (mel.length() < 6 || mel.length() > 80 || mel.indexOf('@') < 1 || mel.isBlank()) {
      throw new Fault("A2", "Adresse mel incorrecte");
    }
    String montantText = f.get("montant");
    if (montantText == null || !DIGITS.matcher(montantText).matches()) {
      throw new Fault("M1", "Le format du montant n'est pas conforme.");
    }
    long montant = Long.parseLong(montantText);
    if (montant < MIN_MONTANT) {
      throw new Fault("M3", "Le montant est inférieur au montant minimum autorisé.");
    }
    if (montant > MAX_MONTANT) {
      throw new Fault("M5", "Le montant est supérieur au montant maximum autorisé.");
    }
    String objet = f.get("objet");
    if (objet != null && !OBJET.matcher(objet).matches()) {
      throw new Fault("O1", "Le format du paramètre OBJET n'est pas conforme.");
    }
    String urlnotif = f.get("urlnotif");
    if (!absoluteUrl(urlnotif)) {
      throw new Fault("N1", "URL de notification incorrecte.");
    }
    String urlredirect = f.get("urlredirect");
    if (!absoluteUrl(urlredirect)) {
      throw new Fault("D1", "URL de redirection incorrecte.");
    }
    String saisie = f.get("saisie");
    if (saisie == null || !SAISIE.matcher(saisie).matches()) {
      throw new Fault("S1", "Le mode de saisie est incorrect.");
    }
    Operation op =
        store.create(
            numcli,
            exer,
            refdet,
            objet == null || objet.isEmpty() ? null : objet,
            montant,
            mel,
            urlnotif,
            urlredirect,
            saisie);
    log.debug("PayFiP simulator: operation {} created for numcli {}", op.idOp, numcli);
    return SoapCodec.response("creerPaiementSecurise", List.of(Map.entry("idOp", op.idOp)));
  }

  private byte[] recupererDetailPaiementSecurise(Map<String, String> f) throws Fault {
    // Only <idOp> is read: a request with <idop> gets P1 even for a fresh operation (spec §1.3).
    Operation op = store.find(f.get("idOp")).orElseThrow(() -> new Fault("P1", "IdOp incorrect."));
    SimulatedOperation s = op.snapshot();
    if (s.result().isEmpty()) {
      throw new Fault("P5", "Résultat de la transaction non connu.");
    }
    ZonedDateTime at = s.resultAt().orElseThrow().atZone(OperationStore.PARIS);
    List<Map.Entry<String, String>> fields = new ArrayList<>();
    fields.add(Map.entry("dattrans", DATTRANS.format(at)));
    // The recorded real answer echoed exer "20" for a request sent with 2019 (spec §1.5):
    // reproduced so that a client trusting the echo is caught here rather than in production.
    fields.add(Map.entry("exer", s.exer().substring(0, 2)));
    fields.add(Map.entry("heurtrans", HEURTRANS.format(at)));
    fields.add(Map.entry("idOp", s.idOp()));
    fields.add(Map.entry("mel", s.mel()));
    fields.add(Map.entry("montant", Long.toString(s.montant())));
    op.numauto().ifPresent(n -> fields.add(Map.entry("numauto", n)));
    fields.add(Map.entry("numcli", s.numcli()));
    s.objet().ifPresent(o -> fields.add(Map.entry("objet", o)));
    fields.add(Map.entry("refdet", s.refdet()));
    fields.add(Map.entry("resultrans", s.result().get()));
    fields.add(Map.entry("saisie", s.saisie()));
    return SoapCodec.response("recupererDetailPaiementSecurise", fields);
  }

  private byte[] recupererDetailClient(Map<String, String> f) throws Fault {
    // This operation spells the field numCli, with a capital C (spec §1.3).
    String numcli = requireClient(f.get("numCli"));
    List<String> labels = clients.get(numcli);
    return SoapCodec.response(
        "recupererDetailClient",
        List.of(
            Map.entry("libelleN1", labels.get(0)),
            Map.entry("libelleN2", labels.get(1)),
            Map.entry("libelleN3", labels.get(2)),
            Map.entry("numcli", numcli)));
  }

  private String requireClient(String numcli) throws Fault {
    if (numcli == null || !NUMCLI.matcher(numcli).matches()) {
      throw new Fault("T1", "Le numéro de client est incorrect.");
    }
    if (!clients.containsKey(numcli)) {
      throw new Fault("T2", "Le numéro de client est inconnu de PayFiP.");
    }
    return numcli;
  }

  static boolean absoluteUrl(String value) {
    if (value == null || value.isEmpty() || value.length() > 250) {
      return false;
    }
    try {
      URI uri = new URI(value);
      return uri.isAbsolute()
          && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static boolean sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Reads at most {@link #MAX_REQUEST_BYTES}; returns null past that, without reading the rest. */
  static byte[] readBounded(InputStream in) throws IOException {
    byte[] buffer = in.readNBytes(MAX_REQUEST_BYTES + 1);
    return buffer.length > MAX_REQUEST_BYTES ? null : buffer;
  }

  /** Reads and drops up to {@code max} bytes; InputStream.skip would bypass the body's framing. */
  private static void discard(InputStream in, long max) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    long total = 0;
    int n;
    while (total < max && (n = in.read(buffer)) >= 0) {
      total += n;
    }
  }

  static void sendXml(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
    send(exchange, status, body);
  }

  static void sendText(HttpExchange exchange, int status, String type, String text)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    send(exchange, status, text.getBytes(StandardCharsets.UTF_8));
  }

  static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
