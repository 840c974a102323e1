package fr.socle.examples.demo.onceonly;

import fr.socle.core.RateLimitedException;
import fr.socle.core.SocleException;
import fr.socle.examples.demo.web.Citizen;
import fr.socle.examples.demo.web.Html;
import fr.socle.examples.demo.web.Layout;
import fr.socle.identity.Gender;
import fr.socle.identity.Identity;
import fr.socle.identity.PartialDate;
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
 * <p>The quotient is asked for with the pivot identity FranceConnect certified (name, first names,
 * sex, birth date and place): the citizen types nothing and sends no certificate. A call in
 * FranceConnect mode ({@code Usager.parFranceConnect}) needs the user's access token, which the
 * portal's login does not keep; both modes return the same answer.
 */
final class CanteenServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(CanteenServlet.class);

  /** Session attribute of the identity (see the identity feature's login callback). */
  private static final String IDENTITY = "fr.socle.demo.identity";

  private final transient Layout layout;
  private final transient ApiParticulierClient particulier;
  private final transient CanteenPricing grid;

  CanteenServlet(Layout layout, ApiParticulierClient particulier, CanteenPricing grid) {
    this.layout = layout;
    this.particulier = particulier;
    this.grid = grid;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<Citizen> citizen = layout.requireCitizen(request, response);
    if (citizen.isEmpty()) {
      return;
    }
    Object identity = request.getSession().getAttribute(IDENTITY);
    Optional<QuotientFamilial> qf = Optional.empty();
    boolean pending = false;
    Html status;
    try {
      Optional<Identite> identite =
          identity instanceof Identity id ? identite(id) : Optional.empty();
      if (identite.isEmpty()) {
        status = alert("info", "FranceConnect n'a pas transmis d'identité complète : tarif plein.");
      } else {
        qf = particulier.quotientFamilial(Usager.parIdentite(identite.get()));
        status =
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
                        + " s'applique. Vous pouvez déposer une attestation à l'accueil.");
      }
    } catch (ProviderUnavailableException | RateLimitedException e) {
      LOG.warn("quotient familial unavailable: {}", e.getMessage());
      pending = true;
      status =
          alert(
              "error",
              "Le service de la CAF est momentanément indisponible : votre tarif sera calculé"
                  + " plus tard. Rien ne vous sera facturé d'ici là.");
    } catch (InvalidQueryException e) {
      status = alert("info", "Votre identité ne permet pas d'interroger la CAF : tarif plein.");
    } catch (SocleException e) {
      LOG.warn("quotient familial failed: {}", e.getMessage());
      status = alert("error", "Le quotient familial n'a pas pu être obtenu : réessayez plus tard.");
    }
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
