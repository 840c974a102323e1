package fr.socle.testkit.payfip;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The payment page {@code /tpa/paiementws.web?idop=...}: instead of a bank form, the tester picks
 * what the payer does. The choice is a plain form POST, so a test can also drive it without a
 * browser.
 */
final class PaymentPage implements HttpHandler {
  static final String PATH = "/tpa/paiementws.web";
  private static final int MAX_FORM_BYTES = 4096;

  private final PayfipSimulator simulator;
  private final OperationStore store;

  PaymentPage(PayfipSimulator simulator, OperationStore store) {
    this.simulator = simulator;
    this.store = store;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        SoapService.sendText(exchange, 404, "text/plain", "Not Found");
        return;
      }
      switch (exchange.getRequestMethod()) {
        case "GET" -> show(exchange, parse(exchange.getRequestURI().getRawQuery()));
        case "POST" -> choose(exchange);
        default -> {
          exchange.getResponseHeaders().add("Allow", "GET, POST");
          SoapService.sendText(exchange, 405, "text/plain", "Method Not Allowed");
        }
      }
    }
  }

  private void show(HttpExchange exchange, Map<String, String> query) throws IOException {
    // The page reads "idop", the spelling of the payment URL in the guide; other spellings are not
    // understood, as on the real page.
    Optional<Operation> found = store.find(query.get("idop"));
    if (found.isEmpty()) {
      html(
          exchange,
          "unknown",
          "Opération inconnue",
          "<p>L'identifiant d'opération est inconnu ou n'est plus valable.</p>");
      return;
    }
    Operation op = found.get();
    if (op.closed()) {
      html(
          exchange,
          "closed",
          "Opération déjà traitée",
          "<p>Cette opération a déjà été traitée. Une nouvelle opération est nécessaire.</p>");
      return;
    }
    if (store.pageExpired(op)) {
      html(
          exchange,
          "expired",
          "Opération expirée",
          "<p>Le délai de 15 minutes pour accéder au paiement est dépassé.</p>");
      return;
    }
    op.markOpened();
    html(exchange, "open", "Paiement de vos services publics locaux", form(op.snapshot()));
  }

  private void choose(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readNBytes(MAX_FORM_BYTES + 1);
    if (body.length > MAX_FORM_BYTES) {
      SoapService.sendText(exchange, 413, "text/plain", "Request Entity Too Large");
      return;
    }
    Map<String, String> form = parse(new String(body, StandardCharsets.US_ASCII));
    Outcome outcome;
    try {
      outcome = Outcome.valueOf(form.getOrDefault("choix", ""));
    } catch (IllegalArgumentException e) {
      SoapService.sendText(exchange, 400, "text/plain", "Choix inconnu");
      return;
    }
    Completion completion;
    try {
      completion = simulator.complete(form.get("idop"), outcome);
    } catch (RefusedChoiceException e) {
      html(exchange, e.state, "Paiement impossible", "<p>" + escape(e.getMessage()) + "</p>");
      return;
    }
    if (completion.redirect().isPresent()) {
      exchange.getResponseHeaders().set("Location", completion.redirect().get().toString());
      SoapService.send(exchange, 302, new byte[0]);
    } else {
      html(
          exchange,
          "no-answer",
          "Fenêtre fermée",
          "<p>Le payeur a fermé la fenêtre : aucun résultat, aucune notification, aucun retour."
              + "</p>");
    }
  }

  private static String form(SimulatedOperation op) {
    StringBuilder s = new StringBuilder();
    if ("T".equals(op.saisie())) {
      s.append("<p class=\"banner\">MODE TEST : aucun débit réel</p>");
    } else if ("X".equals(op.saisie())) {
      s.append(
          "<p class=\"banner\">MODE ACTIVATION : sur le service réel, ce paiement est réel</p>");
    }
    s.append("<dl>")
        .append(row("Référence", op.refdet()))
        .append(row("Objet", op.objet().orElse("")))
        .append(row("Montant", amount(op.montant())))
        .append(row("Exercice", op.exer()))
        .append(row("Client", op.numcli()))
        .append("</dl><form method=\"post\" action=\"")
        .append(PATH)
        .append("\"><input type=\"hidden\" name=\"idop\" value=\"")
        .append(escape(op.idOp()))
        .append("\">");
    button(s, Outcome.CARD_PAID, "Payer par carte : paiement accepté (P)");
    button(s, Outcome.DIRECT_DEBIT_VALIDATED, "Prélèvement unique validé (V)");
    button(s, Outcome.CARD_REFUSED, "Carte refusée (R)");
    button(s, Outcome.DIRECT_DEBIT_REFUSED, "Prélèvement refusé (Z)");
    button(s, Outcome.ABANDONED, "Abandonner (A)");
    button(s, Outcome.NO_ANSWER, "Fermer la fenêtre sans réponse");
    return s.append("</form>").toString();
  }

  private static void button(StringBuilder s, Outcome outcome, String label) {
    s.append("<p><button type=\"submit\" name=\"choix\" value=\"")
        .append(outcome.name())
        .append("\">")
        .append(escape(label))
        .append("</button></p>");
  }

  private static String row(String label, String value) {
    return "<dt>" + escape(label) + "</dt><dd>" + escape(value) + "</dd>";
  }

  static String amount(long cents) {
    return String.format(java.util.Locale.FRANCE, "%d,%02d €", cents / 100, cents % 100);
  }

  private static void html(HttpExchange exchange, String state, String title, String content)
      throws IOException {
    String page =
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>PayFiP (simulateur)"
            + " - "
            + escape(title)
            + "</title></head><body data-state=\""
            + state
            + "\"><h1>"
            + escape(title)
            + "</h1>"
            + content
            + "<p><small>Simulateur PayFiP Socle : aucun paiement réel.</small></p></body></html>";
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    SoapService.sendText(exchange, 200, "text/html", page);
  }

  static String escape(String value) {
    StringBuilder s = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      switch (c) {
        case '<' -> s.append("&lt;");
        case '>' -> s.append("&gt;");
        case '&' -> s.append("&amp;");
        case '"' -> s.append("&quot;");
        case '\'' -> s.append("&#39;");
        default -> s.append(c);
      }
    }
    return s.toString();
  }

  static Map<String, String> parse(String encoded) {
    Map<String, String> map = new HashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return map;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        map.putIfAbsent(
            URLDecoder.decode(key, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // A malformed escape is ignored, as a lenient servlet container would.
      }
    }
    return map;
  }
}
