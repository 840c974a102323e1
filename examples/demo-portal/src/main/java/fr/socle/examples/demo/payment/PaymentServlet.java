package fr.socle.examples.demo.payment;

import fr.socle.core.SocleException;
import fr.socle.examples.demo.web.Citizen;
import fr.socle.examples.demo.web.Csrf;
import fr.socle.examples.demo.web.Html;
import fr.socle.examples.demo.web.Layout;
import fr.socle.payment.Debt;
import fr.socle.payment.DebtAlreadyPaidException;
import fr.socle.payment.Payment;
import fr.socle.payment.PaymentMeans;
import fr.socle.payment.PaymentState;
import fr.socle.payment.Payments;
import fr.socle.payment.StartedPayment;
import fr.socle.payment.UnknownPaymentException;
import fr.socle.payment.spi.PaymentLedger;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /paiement}: the citizen's canteen invoice and its payment attempts, read from the ledger;
 * POST starts a payment; {@code /paiement/notification} receives PayFiP's server-to-server
 * notification; {@code /paiement/retour} is where the citizen's browser comes back.
 */
final class PaymentServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(PaymentServlet.class);

  /** The demo invoice: 42,50 €. */
  static final long AMOUNT_CENTS = 4250;

  static final String LABEL = "Cantine scolaire novembre 2026";

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm:ss", Locale.FRANCE)
          .withZone(ZoneId.of("Europe/Paris"));

  private final transient Layout layout;
  private final transient Payments payments;
  private final transient PaymentLedger ledger;
  private final String numcli;

  PaymentServlet(Layout layout, Payments payments, PaymentLedger ledger, String numcli) {
    this.layout = layout;
    this.payments = payments;
    this.ledger = ledger;
    this.numcli = numcli;
  }

  /** The citizen's invoice reference: letters and digits only, as PayFiP requires. */
  static String refdet(Citizen citizen) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(citizen.key().getBytes(StandardCharsets.UTF_8));
      return "CANT2026" + HexFormat.of().withUpperCase().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
    switch (path) {
      case "/notification" -> notification(request, response);
      case "/retour" -> payerReturn(request, response);
      case "/" -> invoicePage(request, response);
      default ->
          layout.error(
              request, response, HttpServletResponse.SC_NOT_FOUND, "Cette page n'existe pas.");
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
    switch (path) {
      case "/notification" -> notification(request, response);
      case "/retour" -> payerReturn(request, response);
      case "/" -> pay(request, response);
      default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  /**
   * PayFiP's notification: it carries only an operation id and is not signed, so it only tells us
   * to ask PayFiP, server to server, what happened (Payments does).
   */
  private void notification(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<String> idOp = Payments.idOpFrom(request.getParameterMap());
    if (idOp.isEmpty()) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST);
      return;
    }
    try {
      payments.onNotification(idOp.get());
      response.setStatus(HttpServletResponse.SC_OK);
    } catch (UnknownPaymentException e) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
    } catch (SocleException e) {
      // The reconciliation will ask again.
      LOG.warn("notification could not be processed now: {}", e.getMessage());
      response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    }
  }

  /**
   * The payer's browser coming back. It may arrive as a cross-site POST that carries no session
   * cookie, so this endpoint never touches the session: it settles what it can and sends the
   * browser, by GET, to the invoice page, which checks the operation belongs to the citizen.
   */
  private void payerReturn(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<String> idOp = Payments.idOpFrom(request.getParameterMap());
    if (idOp.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_SEE_OTHER);
      response.setHeader("Location", PaymentFeature.PATH);
      return;
    }
    try {
      payments.onReturn(idOp.get());
    } catch (SocleException e) {
      LOG.debug("return not settled now: {}", e.getMessage());
    }
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader(
        "Location",
        PaymentFeature.PATH + "?retour=" + URLEncoder.encode(idOp.get(), StandardCharsets.UTF_8));
  }

  private void pay(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Optional<Citizen> citizen = layout.requireCitizen(request, response);
    if (citizen.isEmpty()) {
      return;
    }
    if (!Csrf.isValid(request, request.getParameter(Csrf.FIELD))) {
      layout.error(
          request,
          response,
          HttpServletResponse.SC_FORBIDDEN,
          "Le formulaire a expiré. Rechargez la page et recommencez.");
      return;
    }
    String email =
        citizen.get().email().isBlank() ? "citoyen@mairie-de-demo.fr" : citizen.get().email();
    try {
      StartedPayment started =
          payments.create(new Debt(refdet(citizen.get()), AMOUNT_CENTS, LABEL, email));
      response.setStatus(HttpServletResponse.SC_SEE_OTHER);
      response.setHeader("Location", started.redirectUrl().toString());
    } catch (DebtAlreadyPaidException e) {
      layout.flash(request, "info", "Cette facture est déjà payée.");
      response.sendRedirect(PaymentFeature.PATH);
    } catch (SocleException e) {
      LOG.warn("payment could not be created: {}", e.getMessage());
      layout.flash(
          request,
          "error",
          "Le service de paiement de la DGFiP ne répond pas. Aucun paiement n'a été fait ;"
              + " réessayez dans quelques minutes.");
      response.sendRedirect(PaymentFeature.PATH);
    }
  }

  private void invoicePage(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<Citizen> citizen = layout.requireCitizen(request, response);
    if (citizen.isEmpty()) {
      return;
    }
    String refdet = refdet(citizen.get());
    List<Payment> attempts = new ArrayList<>(ledger.findByRefdet(numcli, refdet));
    attempts.sort(Comparator.comparing(Payment::createdAt).reversed());
    Optional<Payment> paid =
        attempts.stream().filter(p -> p.state() == PaymentState.PAID).findFirst();

    Html returned = Html.EMPTY;
    String returnedId = request.getParameter("retour");
    if (returnedId != null) {
      returned =
          attempts.stream()
              .filter(p -> p.idOp().equals(returnedId))
              .findFirst()
              .map(PaymentServlet::returnMessage)
              .orElse(Html.EMPTY);
    }

    Html status;
    Html action;
    if (paid.isPresent()) {
      Payment p = paid.get();
      status =
          Html.of(
              "<p><span class=\"badge badge--success\" id=\"statut\">Payée</span> le {}"
                  + " par {}{}.</p>",
              WHEN.format(p.transactionTime().orElse(p.updatedAt())),
              means(p.means()),
              p.authorisationNumber()
                  .map(n -> Html.of(", autorisation n° {}", n))
                  .orElse(Html.EMPTY));
      action = Html.EMPTY;
    } else {
      boolean pending = !attempts.isEmpty() && attempts.get(0).state() == PaymentState.PENDING;
      status =
          pending
              ? new Html(
                  "<p><span class=\"badge badge--info\" id=\"statut\">Paiement en cours de"
                      + " traitement</span> Le résultat est demandé à PayFiP ; cette page le"
                      + " montrera dès qu'il sera connu.</p>")
              : new Html("<p><span class=\"badge\" id=\"statut\">À payer</span></p>");
      action =
          Html.of(
              "<form method=\"post\" action=\"{}\">{}<button class=\"button\" type=\"submit\""
                  + " id=\"payer\">Payer {} avec PayFiP</button></form>"
                  + "<p class=\"mention\">Vous allez être redirigé vers le site de paiement"
                  + " sécurisé de la DGFiP.</p>",
              PaymentFeature.PATH,
              Csrf.field(request),
              euros(AMOUNT_CENTS));
    }

    List<Html> rows = new ArrayList<>();
    for (Payment p : attempts) {
      rows.add(
          Html.of(
              "<tr><td>{}</td><td><code class=\"mono\">{}</code></td><td>{}</td><td>{}</td></tr>",
              WHEN.format(p.createdAt()),
              p.idOp(),
              stateLabel(p.state()),
              means(p.means())));
    }
    Html history =
        rows.isEmpty()
            ? Html.EMPTY
            : Html.of(
                "<table class=\"table\" id=\"tentatives\"><caption>Tentatives de paiement (registre)"
                    + "</caption><thead><tr><th>Créée le</th><th>Opération PayFiP</th>"
                    + "<th>État</th><th>Moyen</th></tr></thead><tbody>{}</tbody></table>",
                Html.join(rows));
    layout.page(
        request,
        response,
        "Payer ma facture de cantine",
        Html.of(
            "{}<dl class=\"facts\" id=\"facture\"><dt>Facture</dt><dd>{}</dd>"
                + "<dt>Référence</dt><dd><code class=\"mono\">{}</code></dd>"
                + "<dt>Montant</dt><dd>{}</dd></dl>{}{}{}",
            returned,
            LABEL,
            refdet,
            euros(AMOUNT_CENTS),
            status,
            action,
            history));
  }

  private static Html returnMessage(Payment p) {
    return switch (p.state()) {
      case PAID ->
          new Html(
              "<div class=\"alert alert--success\" role=\"status\"><p>Merci, votre paiement a été"
                  + " accepté.</p></div>");
      case REFUSED ->
          new Html(
              "<div class=\"alert alert--error\" role=\"alert\"><p>Votre paiement a été refusé."
                  + " Aucune somme n'a été prélevée.</p></div>");
      case ABANDONED ->
          new Html(
              "<div class=\"alert alert--info\" role=\"status\"><p>Vous avez abandonné le"
                  + " paiement. Votre facture reste à payer.</p></div>");
      case PENDING ->
          new Html(
              "<div class=\"alert alert--info\" role=\"status\"><p>Votre paiement est en cours de"
                  + " traitement par la DGFiP.</p></div>");
      case EXPIRED ->
          new Html(
              "<div class=\"alert alert--info\" role=\"status\"><p>Le délai de paiement a expiré."
                  + " Votre facture reste à payer.</p></div>");
      case REVIEW ->
          new Html(
              "<div class=\"alert alert--error\" role=\"alert\"><p>Votre paiement doit être"
                  + " vérifié par la régie ; vous serez contacté.</p></div>");
    };
  }

  private static String stateLabel(PaymentState state) {
    return switch (state) {
      case PENDING -> "en cours";
      case PAID -> "payé";
      case REFUSED -> "refusé";
      case ABANDONED -> "abandonné";
      case EXPIRED -> "expiré";
      case REVIEW -> "à vérifier par la régie";
    };
  }

  private static String means(PaymentMeans means) {
    return switch (means) {
      case CARD -> "carte bancaire";
      case DIRECT_DEBIT -> "prélèvement unique";
      case UNKNOWN -> "—";
    };
  }

  static String euros(long cents) {
    return String.format(Locale.FRANCE, "%d,%02d €", cents / 100, cents % 100);
  }
}
