package fr.socle.examples.demo.onceonly;

import fr.socle.core.ClientRateLimitedException;
import fr.socle.core.RateLimitedException;
import fr.socle.core.SocleException;
import fr.socle.examples.demo.web.Citizen;
import fr.socle.examples.demo.web.Html;
import fr.socle.examples.demo.web.Layout;
import fr.socle.identity.Gender;
import fr.socle.identity.Identity;
import fr.socle.identity.PartialDate;
import fr.socle.identity.ProviderTokens;
import fr.socle.onceonly.AccessDeniedException;
import fr.socle.onceonly.ApiParticulierClient;
import fr.socle.onceonly.Identite;
import fr.socle.onceonly.InvalidQueryException;
import fr.socle.onceonly.ProviderUnavailableException;
import fr.socle.onceonly.QuotientFamilial;
import fr.socle.onceonly.Sexe;
import fr.socle.onceonly.Usager;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /cantine}: after the FranceConnect login, the month's canteen invoice priced by the
 * family's quotient familial, with the commune's tariff grid and the family's tranche.
 *
 * <p>In {@link Mode#FRANCE_CONNECT} the quotient is asked for with the user's FranceConnect access
 * token, which the login kept in the session: API Particulier reads the identity from
 * FranceConnect, the citizen types nothing and sends no certificate. FranceConnect's access token
 * lives 60 seconds (spec franceconnect-proconnect §1.4, {@code expires_in: 60}): past that, the
 * page asks the citizen to sign in again rather than invoice at the full price. In {@link
 * Mode#IDENTITE} (a real identity provider whose tokens the simulated API cannot check) it is asked
 * for with the pivot identity FranceConnect certified; both modes return the same answer.
 */
final class CanteenServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(CanteenServlet.class);

  /** Session attribute of the identity (see the identity feature's login callback). */
  private static final String IDENTITY = "fr.socle.demo.identity";

  /** How the quotient familial is asked for. */
  enum Mode {
    /** With the user's FranceConnect access token ({@code /france_connect}). */
    FRANCE_CONNECT,
    /** With the pivot identity ({@code /identite}). */
    IDENTITE
  }

  private final transient Layout layout;
  private final transient ApiParticulierClient particulier;
  private final transient CanteenPricing grid;
  private final Mode mode;
  private final transient Clock clock;

  CanteenServlet(Layout layout, ApiParticulierClient particulier, CanteenPricing grid, Mode mode) {
    this(layout, particulier, grid, mode, Clock.systemUTC());
  }

  CanteenServlet(
      Layout layout,
      ApiParticulierClient particulier,
      CanteenPricing grid,
      Mode mode,
      Clock clock) {
    this.layout = layout;
    this.particulier = particulier;
    this.grid = grid;
    this.mode = mode;
    this.clock = clock;
  }

  /** The outcome of the lookup: the quotient if any, or why the invoice waits. */
  private record Lookup(Optional<QuotientFamilial> qf, boolean pending, Html status) {}

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<Citizen> citizen = layout.requireCitizen(request, response);
    if (citizen.isEmpty()) {
      return;
    }
    Object identity = request.getSession().getAttribute(IDENTITY);
    Lookup lookup =
        identity instanceof Identity id
            ? lookup(id)
            : new Lookup(
                Optional.empty(),
                false,
                alert("info", "FranceConnect n'a pas transmis d'identité complète : tarif plein."));
    Optional<QuotientFamilial> qf = lookup.qf();
    boolean pending = lookup.pending();
    Html status = lookup.status();
    OptionalInt value = qf.map(q -> OptionalInt.of(q.valeur())).orElse(OptionalInt.empty());
    CanteenPricing.Tranche tranche = grid.tranche(value);
    List<Html> rows = new ArrayList<>();
    int from = 0;
    for (CanteenPricing.Tranche t : grid.tranches()) {
      String range =
          t.upTo() == Integer.MAX_VALUE ? "au-delà de " + (from - 1) : from + " à " + t.upTo();
      rows.add(
          Html.of(
              "<tr{}><td>{}</td><td>{}</td><td>{}</td></tr>",
              new Html(
                  t.equals(tranche) && !pending
                      ? " class=\"current\" id=\"tranche-appliquee\""
                      : ""),
              t.label(),
              range,
              CanteenPricing.euros(t.priceCents())));
      from = t.upTo() + 1;
    }
    layout.page(
        request,
        response,
        "Mon tarif de cantine",
        Html.of(
            """
            {}
            <dl class="facts" id="tarif">
              <dt>Quotient familial</dt><dd id="qf">{}</dd>
              <dt>Tranche</dt><dd id="tranche">{}</dd>
              <dt>Repas en décembre 2026</dt><dd>{}</dd>
              <dt>Montant de la facture</dt><dd id="montant">{}</dd>
            </dl>
            <h2>Grille tarifaire de la commune (prix du repas)</h2>
            <table class="grid" id="grille"><thead><tr><th>Tranche</th><th>Quotient familial</th>
            <th>Prix du repas</th></tr></thead><tbody>{}</tbody></table>
            """,
            status,
            qf.map(q -> q.valeur() + " € (" + q.fournisseur() + ")").orElse("non communiqué"),
            pending ? "à déterminer" : tranche.label(),
            grid.meals(),
            pending ? "à calculer" : CanteenPricing.euros(grid.invoiceCents(value)),
            Html.join(rows)));
  }

  private Lookup lookup(Identity id) {
    try {
      if (mode == Mode.FRANCE_CONNECT) {
        Optional<ProviderTokens> tokens = id.providerTokens();
        if (tokens.isEmpty() || !tokens.get().expiresAt().isAfter(clock.instant())) {
          return signInAgain();
        }
        return found(
            particulier.quotientFamilial(Usager.parFranceConnect(tokens.get().accessToken())));
      }
      Optional<Identite> identite = identite(id);
      if (identite.isEmpty()) {
        return new Lookup(
            Optional.empty(),
            false,
            alert("info", "FranceConnect n'a pas transmis d'identité complète : tarif plein."));
      }
      return found(particulier.quotientFamilial(Usager.parIdentite(identite.get())));
    } catch (ProviderUnavailableException | RateLimitedException | ClientRateLimitedException e) {
      LOG.warn("quotient familial unavailable: {}", e.getMessage());
      return new Lookup(
          Optional.empty(),
          true,
          alert(
              "error",
              "Le service de la CAF est momentanément indisponible : votre tarif sera calculé"
                  + " plus tard. Rien ne vous sera facturé d'ici là."));
    } catch (AccessDeniedException e) {
      // 401: the token expired or was revoked meanwhile; 403: FranceConnect did not grant the
      // data scope. Either way no quotient: nothing is invoiced, the citizen can sign in again.
      LOG.warn("quotient familial refused: {}", e.getMessage());
      return e.statusCode() == 403
          ? new Lookup(
              Optional.empty(),
              true,
              alert(
                  "error",
                  "FranceConnect n'a pas autorisé la transmission de votre quotient familial :"
                      + " votre tarif sera calculé à l'accueil, sur justificatif. Rien ne vous"
                      + " sera facturé d'ici là."))
          : signInAgain();
    } catch (InvalidQueryException e) {
      return new Lookup(
          Optional.empty(),
          false,
          alert("info", "Votre identité ne permet pas d'interroger la CAF : tarif plein."));
    } catch (SocleException e) {
      LOG.warn("quotient familial failed: {}", e.getMessage());
      return new Lookup(
          Optional.empty(),
          true,
          alert("error", "Le quotient familial n'a pas pu être obtenu : réessayez plus tard."));
    }
  }

  private static Lookup found(Optional<QuotientFamilial> qf) {
    return new Lookup(
        qf,
        false,
        qf.isPresent()
            ? alert(
                "success",
                "Quotient familial transmis par la "
                    + qf.get().fournisseur()
                    + " pour "
                    + qf.get().periode()
                    + " : aucun justificatif à fournir.")
            : alert(
                "info",
                "Aucun dossier CAF ou MSA ne correspond à votre identité : le tarif plein"
                    + " s'applique. Vous pouvez déposer une attestation à l'accueil."));
  }

  /** The FranceConnect authorisation is over: nothing is invoiced, the citizen signs in again. */
  private static Lookup signInAgain() {
    return new Lookup(
        Optional.empty(),
        true,
        Html.of(
            "<p class=\"alert alert--info\" id=\"statut-qf\">{} <a href=\"/auth/login\""
                + " id=\"reconnexion\">Se reconnecter avec FranceConnect</a></p>",
            "Votre autorisation FranceConnect n'est plus valable (elle dure une minute) :"
                + " reconnectez-vous pour calculer votre tarif."));
  }

  private static Html alert(String level, String text) {
    return Html.of("<p class=\"alert alert--{}\" id=\"statut-qf\">{}</p>", level, text);
  }

  /** The FranceConnect pivot identity as API Particulier asks for it, when it is complete. */
  static Optional<Identite> identite(Identity id) {
    Optional<PartialDate> birth = id.birthdate();
    if (id.familyName().isEmpty()
        || id.givenNames().isEmpty()
        || id.gender().isEmpty()
        || birth.isEmpty()
        || id.birthcountry().isEmpty()) {
      return Optional.empty();
    }
    Identite.Builder b =
        Identite.builder()
            .nomNaissance(id.familyName().get())
            .prenoms(id.givenNames().subList(0, Math.min(3, id.givenNames().size())))
            .sexe(id.gender().get() == Gender.FEMALE ? Sexe.F : Sexe.M)
            .codePaysNaissance(id.birthcountry().get());
    PartialDate d = birth.get();
    if (d.day() != 0) {
      b.dateNaissance(java.time.LocalDate.of(d.year(), d.month(), d.day()));
    } else {
      b.dateNaissancePartielle(d.year(), d.month() == 0 ? null : d.month());
    }
    id.birthplace().filter(p -> !p.isEmpty()).ifPresent(b::codeCommuneNaissance);
    return Optional.of(b.build());
  }
}
