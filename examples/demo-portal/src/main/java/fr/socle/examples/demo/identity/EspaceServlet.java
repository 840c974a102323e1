package fr.socle.examples.demo.identity;

import fr.socle.examples.demo.web.Citizen;
import fr.socle.examples.demo.web.Html;
import fr.socle.examples.demo.web.Layout;
import fr.socle.examples.demo.web.NavEntry;
import fr.socle.identity.EidasLevel;
import fr.socle.identity.Gender;
import fr.socle.identity.Identity;
import fr.socle.identity.PartialDate;
import fr.socle.identity.ProConnectRole;
import fr.socle.refdata.Commune;
import fr.socle.refdata.Territories;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** "Mon espace": the identity FranceConnect sent, and the citizen's services. */
final class EspaceServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** COG code of France in the birthcountry claim. */
  private static final String FRANCE = "99100";

  private final transient Layout layout;
  private final transient Supplier<Territories> territories;

  EspaceServlet(Layout layout, Supplier<Territories> territories) {
    this.layout = layout;
    this.territories = territories;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<Citizen> citizen = layout.requireCitizen(request, response);
    if (citizen.isEmpty()) {
      return;
    }
    Identity identity =
        (Identity) request.getSession().getAttribute(PortalIdentityCallback.IDENTITY);
    List<Html> facts = new ArrayList<>();
    fact(facts, "Prénoms", String.join(" ", identity.givenNames()));
    fact(facts, "Nom de naissance", identity.familyName().orElse("non communiqué"));
    identity.usualName().ifPresent(name -> fact(facts, "Nom d'usage", name));
    identity.birthdate().ifPresent(date -> fact(facts, "Date de naissance", frenchDate(date)));
    identity
        .gender()
        .ifPresent(gender -> fact(facts, "Sexe", gender == Gender.FEMALE ? "féminin" : "masculin"));
    birthplace(identity).ifPresent(place -> fact(facts, "Lieu de naissance", place));
    identity
        .birthcountry()
        .ifPresent(
            code ->
                fact(facts, "Pays de naissance", FRANCE.equals(code) ? "France" : "code " + code));
    identity.email().ifPresent(email -> fact(facts, "Adresse électronique", email));
    identity.eidasLevel().ifPresent(level -> fact(facts, "Niveau de garantie", levelLabel(level)));
    identity.idpId().ifPresent(idp -> fact(facts, "Fournisseur d'identité", idp));
    identity.organizationLabel().ifPresent(org -> fact(facts, "Organisation", org));
    if (identity.hasRole(ProConnectRole.AGENT_PUBLIC_TERRITORIAL)) {
      // ProConnect's roles: what a territorial vendor checks before opening its back office.
      fact(facts, "Statut", "agent d'une collectivité territoriale");
    }
    facts.add(
        Html.of(
            "<dt>Identifiant pour ce service</dt><dd><code class=\"mono\">{}</code></dd>",
            identity.subject()));

    List<Html> services = new ArrayList<>();
    for (NavEntry entry : layout.nav()) {
      if (entry.needsCitizen() && !entry.path().equals("/espace")) {
        services.add(
            Html.of(
                "<a class=\"button button--secondary\" href=\"{}\">{}</a>",
                entry.path(),
                entry.label()));
      }
    }
    layout.page(
        request,
        response,
        "Mon espace",
        Html.of(
            "<p class=\"lead\">Bonjour {}.</p>"
                + "<h2>Votre identité transmise par FranceConnect</h2>"
                + "<dl class=\"facts\" id=\"identite\">{}</dl>"
                + "<p class=\"mention\">Ces informations viennent de l'identité pivot vérifiée par"
                + " FranceConnect ; la mairie ne peut pas les modifier.</p>"
                + "{}",
            citizen.get().displayName(),
            Html.join(facts),
            services.isEmpty()
                ? Html.EMPTY
                : Html.of(
                    "<h2>Vos démarches</h2><div class=\"actions\">{}</div>", Html.join(services))));
  }

  private Optional<String> birthplace(Identity identity) {
    if (identity.birthcountry().isPresent() && !FRANCE.equals(identity.birthcountry().get())) {
      return Optional.of("à l'étranger");
    }
    return identity
        .birthplace()
        .map(
            code ->
                territories
                    .get()
                    .commune(code)
                    .map(Commune::nom)
                    .map(nom -> nom + " (" + code + ")")
                    .orElse("code " + code));
  }

  private static void fact(List<Html> facts, String label, String value) {
    facts.add(Html.of("<dt>{}</dt><dd>{}</dd>", label, value));
  }

  private static String frenchDate(PartialDate date) {
    if (date.month() == 0) {
      return String.format("%04d", date.year());
    }
    if (date.day() == 0) {
      return String.format("%02d/%04d", date.month(), date.year());
    }
    return String.format("%02d/%02d/%04d", date.day(), date.month(), date.year());
  }

  private static String levelLabel(EidasLevel level) {
    return switch (level) {
      case EIDAS0 -> "hors eIDAS";
      case EIDAS1 -> "eIDAS faible (FranceConnect)";
      case EIDAS2 -> "eIDAS substantiel";
      case EIDAS3 -> "eIDAS élevé";
    };
  }
}
