package fr.socle.examples.demo.onceonly;

import fr.socle.core.ClientRateLimitedException;
import fr.socle.core.RateLimitedException;
import fr.socle.core.SocleException;
import fr.socle.examples.demo.web.Html;
import fr.socle.examples.demo.web.Layout;
import fr.socle.onceonly.ApiEntrepriseClient;
import fr.socle.onceonly.AttestationFiscale;
import fr.socle.onceonly.AttestationVigilance;
import fr.socle.onceonly.InvalidQueryException;
import fr.socle.onceonly.NonDiffusibleException;
import fr.socle.onceonly.ProviderUnavailableException;
import fr.socle.onceonly.Traceability;
import fr.socle.onceonly.UniteLegale;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /marches-publics}: a buyer of the commune checks the URSSAF and DGFiP attestations of the
 * company it is about to award a contract to, by SIREN, at the source.
 */
final class MarchesPublicsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(MarchesPublicsServlet.class);
  private static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private final transient Layout layout;
  private final transient ApiEntrepriseClient entreprise;

  MarchesPublicsServlet(Layout layout, ApiEntrepriseClient entreprise) {
    this.layout = layout;
    this.entreprise = entreprise;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String siren = Optional.ofNullable(request.getParameter("siren")).orElse("").strip();
    Html form =
        Html.of(
            """
            <form method="get" action="/marches-publics" class="form" id="recherche-siren">
              <label for="siren">SIREN de l'entreprise attributaire</label>
              <input id="siren" name="siren" value="{}" inputmode="numeric" maxlength="9"
                     placeholder="123456782" required>
              <button type="submit" class="button" id="verifier">Vérifier les attestations</button>
            </form>
            <p class="hint">Essais : 123456782 (en règle), 880000005 (refus URSSAF),
            880000013 (non diffusible).</p>
            """,
            siren);
    Html result = siren.isEmpty() ? Html.EMPTY : check(siren);
    layout.page(request, response, "Marchés publics : attestations", Html.of("{}{}", form, result));
  }

  private Html check(String siren) {
    Traceability why =
        new Traceability(
            OnceOnlyFeature.RECIPIENT,
            "Marché public de démonstration",
            "Vérification des attestations de l'attributaire");
    try {
      Optional<UniteLegale> ul = entreprise.uniteLegale(siren, why);
      if (ul.isEmpty()) {
        return alert("info", "Aucune entreprise ne porte ce SIREN.");
      }
      Optional<AttestationVigilance> urssaf = entreprise.attestationVigilance(siren, why);
      Optional<AttestationFiscale> dgfip;
      String fiscalPending = null;
      try {
        dgfip = entreprise.attestationFiscale(siren, why);
      } catch (ClientRateLimitedException | RateLimitedException e) {
        // The DGFiP allows 5 attestations a minute per token: the limiter says so before the API.
        dgfip = Optional.empty();
        fiscalPending = "limite de 5 demandes par minute atteinte : réessayez dans une minute";
      }
      LocalDate today = LocalDate.now();
      String social =
          urssaf
              .map(
                  a ->
                      a.valideLe(today)
                          ? "délivrée, valide jusqu'au " + FRENCH.format(a.dateFinValidite().get())
                          : a.delivree() ? "expirée" : "refusée : cotisations sociales non à jour")
              .orElse("non disponible");
      String fiscal =
          fiscalPending != null
              ? fiscalPending
              : dgfip
                  .map(a -> "délivrée le " + FRENCH.format(a.dateDelivrance()))
                  .orElse("non délivrée");
      boolean ok = urssaf.map(a -> a.valideLe(today)).orElse(false) && dgfip.isPresent();
      return Html.of(
          """
          <dl class="facts" id="entreprise">
            <dt>Entreprise</dt><dd id="denomination">{}</dd>
            <dt>Attestation de vigilance (URSSAF)</dt><dd id="vigilance">{}</dd>
            <dt>Attestation de régularité fiscale (DGFiP)</dt><dd id="fiscale">{}</dd>
          </dl>
          {}
          """,
          ul.get().denomination().orElse(siren),
          social,
          fiscal,
          ok
              ? alert("success", "L'entreprise est à jour de ses obligations sociales et fiscales.")
              : alert(
                  "error",
                  "Le marché ne peut pas être attribué en l'état : attestation manquante."));
    } catch (InvalidQueryException e) {
      return alert("error", "Ce SIREN n'est pas valide (9 chiffres, clé de contrôle).");
    } catch (NonDiffusibleException e) {
      return alert(
          "info",
          "Cette entreprise n'est pas diffusible : ses données ne peuvent pas être affichées.");
    } catch (ProviderUnavailableException e) {
      return alert("error", "Le service est momentanément indisponible : réessayez plus tard.");
    } catch (SocleException e) {
      LOG.warn("attestations check failed: {}", e.getMessage());
      return alert("error", "La vérification a échoué : réessayez plus tard.");
    }
  }

  private static Html alert(String level, String text) {
    return Html.of("<p class=\"alert alert--{}\" id=\"verdict\">{}</p>", level, text);
  }
}
