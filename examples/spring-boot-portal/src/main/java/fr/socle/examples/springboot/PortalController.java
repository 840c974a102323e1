package fr.socle.examples.springboot;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import fr.socle.identity.Identity;
import fr.socle.payment.Debt;
import fr.socle.payment.Payments;
import fr.socle.refdata.Territories;
import fr.socle.storage.DepositRequest;
import fr.socle.storage.DocumentMetadata;
import fr.socle.storage.DocumentSafe;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.view.RedirectView;

/** The portal's pages, kept as plain HTML so that the example shows Socle and nothing else. */
@RestController
public class PortalController {
  private static final String HTML = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8";

  private final Payments payments;
  private final DocumentSafe safe;
  private final Territories territories;
  private final Invoices invoices;

  PortalController(
      Payments payments, DocumentSafe safe, Territories territories, Invoices invoices) {
    this.payments = payments;
    this.safe = safe;
    this.territories = territories;
    this.invoices = invoices;
  }

  @GetMapping(value = "/", produces = HTML)
  String home(@AuthenticationPrincipal Identity identity, CsrfToken csrf) {
    if (identity == null) {
      return page(
          "<a id=\"franceconnect\" href=\"/login/franceconnect\">S'identifier avec FranceConnect</a>"
              + searchForm());
    }
    return page(
        "<p id=\"hello\">Bonjour "
            + htmlEscape(String.join(" ", identity.givenNames()), "UTF-8")
            + "</p>"
            + "<form method=\"post\" action=\"/pay\">"
            + hidden(csrf)
            + "<button id=\"pay\">Payer la cantine (15,00 €)</button></form>"
            + "<form method=\"post\" action=\"/deposit\" enctype=\"multipart/form-data\">"
            + hidden(csrf)
            + "<input type=\"file\" name=\"file\" id=\"file\"><button id=\"deposit\">Déposer</button>"
            + "</form>"
            + searchForm()
            // Logout is a POST carrying the CSRF token: a GET link would be refused (403).
            + "<form method=\"post\" action=\"/logout\">"
            + hidden(csrf)
            + "<button id=\"logout\">Se déconnecter</button></form>");
  }

  @PostMapping("/pay")
  RedirectView pay(@AuthenticationPrincipal Identity identity) {
    String refdet =
        "CANTINE" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
    String email = identity.email().orElse("citoyen@mairie-de-demo.fr");
    return new RedirectView(
        payments
            .create(new Debt(refdet, 1500, "Cantine scolaire", email))
            .redirectUrl()
            .toString());
  }

  @GetMapping(value = "/account", produces = HTML)
  String account(@RequestParam(name = "idop", required = false) String idOp) {
    String state =
        idOp == null
            ? "aucun paiement"
            : payments
                .find(idOp)
                .map(p -> p.state() + (invoices.isPaid(p.refdet()) ? ", facture réglée" : ""))
                .orElse("paiement inconnu");
    return page(
        "<p id=\"payment\">" + htmlEscape(state, "UTF-8") + "</p><a href=\"/\">Accueil</a>");
  }

  @PostMapping(value = "/deposit", produces = HTML)
  String deposit(
      @AuthenticationPrincipal Identity identity, @RequestParam("file") MultipartFile file)
      throws IOException {
    DepositRequest request =
        DepositRequest.builder("portal", "justificatifs")
            .depositor("citizen")
            .contentType(
                file.getContentType() == null ? "application/octet-stream" : file.getContentType())
            .build();
    DocumentMetadata stored;
    try (InputStream in = file.getInputStream()) {
      stored = safe.deposit(request, in);
    }
    return page(
        "<p id=\"deposited\">Document déposé ("
            + stored.size()
            + " octets, chiffré)</p><a href=\"/\">Accueil</a>");
  }

  @GetMapping(value = "/communes", produces = HTML)
  String communes(@RequestParam("q") String q) {
    String items =
        territories.search(q, 10).stream()
            .map(
                c ->
                    "<li>"
                        + htmlEscape(c.nom(), "UTF-8")
                        + " ("
                        + htmlEscape(c.code(), "UTF-8")
                        + ")</li>")
            .collect(Collectors.joining());
    return page("<ul id=\"communes\">" + items + "</ul>" + searchForm());
  }

  private static String searchForm() {
    return "<form method=\"get\" action=\"/communes\"><input name=\"q\" id=\"q\">"
        + "<button id=\"search\">Chercher une commune</button></form>";
  }

  private static String hidden(CsrfToken csrf) {
    return "<input type=\"hidden\" name=\""
        + htmlEscape(csrf.getParameterName(), "UTF-8")
        + "\" value=\""
        + htmlEscape(csrf.getToken(), "UTF-8")
        + "\">";
  }

  private static String page(String body) {
    return "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
        + "<title>Mairie de démo</title></head><body>"
        + body
        + "</body></html>";
  }
}
