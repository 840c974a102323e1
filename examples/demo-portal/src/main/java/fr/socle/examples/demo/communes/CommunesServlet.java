package fr.socle.examples.demo.communes;

import fr.socle.core.json.Json;
import fr.socle.examples.demo.web.Html;
import fr.socle.examples.demo.web.Layout;
import fr.socle.refdata.Commune;
import fr.socle.refdata.CommuneSearch;
import fr.socle.refdata.CommuneType;
import fr.socle.refdata.Departement;
import fr.socle.refdata.Epci;
import fr.socle.refdata.Region;
import fr.socle.refdata.Territories;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /communes} (search form and results), {@code /communes/suggestions?q=} (JSON for the
 * autocompletion script) and {@code /communes/<code>} (one commune).
 */
final class CommunesServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private static final int SUGGESTIONS = 8;
  private static final int RESULTS = 20;

  private final transient Layout layout;
  private final transient Supplier<Territories> territories;
  private transient volatile Json json;

  CommunesServlet(Layout layout, Supplier<Territories> territories) {
    this.layout = layout;
    this.territories = territories;
  }

  /** Loads the territories and the JSON binding, which otherwise load on first use. */
  void warmUp() {
    territories.get().search("a", 1);
    json();
  }

  private Json json() {
    Json current = json;
    if (current == null) {
      synchronized (this) {
        current = json;
        if (current == null) {
          current = Json.create();
          json = current;
        }
      }
    }
    return current;
  }

  @Override
  public void destroy() {
    Json current = json;
    if (current != null) {
      current.close();
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo();
    if (path == null || "/".equals(path)) {
      searchPage(request, response);
    } else if ("/suggestions".equals(path)) {
      suggestions(request, response);
    } else {
      communePage(request, response, path.substring(1));
    }
  }

  private List<Commune> search(String text, int limit) {
    if (text == null || text.isBlank() || text.length() > 100) {
      return List.of();
    }
    return territories.get().search(CommuneSearch.of(text, limit));
  }

  private void suggestions(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    List<CommuneSuggestion> out = new ArrayList<>();
    for (Commune commune : search(request.getParameter("q"), SUGGESTIONS)) {
      out.add(new CommuneSuggestion(commune.nom(), detail(commune), href(commune)));
    }
    byte[] body = json().write(out);
    response.setContentType("application/json");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private void searchPage(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String q = Optional.ofNullable(request.getParameter("q")).orElse("").strip();
    Html results = Html.EMPTY;
    if (!q.isEmpty()) {
      List<Commune> hits = search(q, RESULTS);
      List<Html> rows = new ArrayList<>();
      for (Commune commune : hits) {
        rows.add(
            Html.of(
                "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                href(commune),
                commune.nom(),
                commune.code(),
                typeLabel(commune.type()),
                departementLabel(commune.departementCode())));
      }
      results =
          hits.isEmpty()
              ? Html.of("<p id=\"resultats\">Aucune commune ne commence par « {} ».</p>", q)
              : Html.of(
                  "<table class=\"table\" id=\"resultats\"><caption>Communes commençant par « {} »"
                      + "</caption><thead><tr><th>Nom</th><th>Code INSEE</th><th>Type</th>"
                      + "<th>Département</th></tr></thead><tbody>{}</tbody></table>",
                  q,
                  Html.join(rows));
    }
    layout.page(
        request,
        response,
        "Trouver ma commune",
        Html.of(
            "<form class=\"form\" method=\"get\" action=\"/communes\" role=\"search\">"
                + "<div class=\"field\"><label for=\"commune\">Nom de la commune"
                + "<span class=\"hint\">Par exemple « st etienne » ou « l ile d yeu » : accents,"
                + " tirets et majuscules sont ignorés.</span></label>"
                + "<input type=\"text\" id=\"commune\" name=\"q\" value=\"{}\" autocomplete=\"off\""
                + " role=\"combobox\" aria-autocomplete=\"list\" aria-expanded=\"false\""
                + " aria-controls=\"commune-suggestions\" data-suggest=\"/communes/suggestions\">"
                + "<ul id=\"commune-suggestions\" class=\"suggestions\" role=\"listbox\""
                + " aria-label=\"Suggestions\" hidden></ul></div>"
                + "<button class=\"button\" type=\"submit\">Rechercher</button></form>"
                + "{}<p class=\"mention\">Source : {}, hors ligne.</p>",
            q,
            results,
            territories.get().millesime().toString()));
  }

  private void communePage(HttpServletRequest request, HttpServletResponse response, String code)
      throws IOException {
    Optional<CommuneType> type = parseType(request.getParameter("type"));
    Optional<Commune> found =
        type.isPresent()
            ? territories.get().commune(code, type.get())
            : territories.get().commune(code);
    if (found.isEmpty()) {
      layout.error(
          request,
          response,
          HttpServletResponse.SC_NOT_FOUND,
          "Aucune commune ne porte ce code dans le référentiel.");
      return;
    }
    Commune commune = found.get();
    Html renamed =
        commune.code().equalsIgnoreCase(code.strip())
            ? Html.EMPTY
            : Html.of(
                "<div class=\"alert alert--info\" role=\"status\"><p>Le code {} est un ancien code"
                    + " : la commune est aujourd'hui {} ({}).</p></div>",
                code,
                commune.nom(),
                commune.code());
    List<Html> facts = new ArrayList<>();
    facts.add(fact("Code INSEE", Html.text(commune.code())));
    facts.add(fact("Type", Html.text(typeLabel(commune.type()))));
    commune
        .parentCode()
        .flatMap(territories.get()::commune)
        .ifPresent(parent -> facts.add(fact("Rattachée à", link(parent))));
    facts.add(fact("Département", Html.text(departementLabel(commune.departementCode()))));
    facts.add(
        fact(
            "Région",
            Html.text(
                territories.get().region(commune.regionCode()).map(Region::nom).orElse("—"))));
    if (!commune.postalCodes().isEmpty()) {
      facts.add(fact("Codes postaux", Html.text(String.join(", ", commune.postalCodes()))));
    }
    if (commune.population().isPresent()) {
      facts.add(
          fact(
              "Population municipale",
              Html.text(
                  String.format(java.util.Locale.FRANCE, "%,d", commune.population().getAsInt())
                      + " habitants")));
    }
    commune.siren().ifPresent(siren -> facts.add(fact("SIREN", Html.text(siren))));
    territories
        .get()
        .epciOf(commune)
        .map(Epci::nom)
        .ifPresent(nom -> facts.add(fact("Intercommunalité", Html.text(nom))));
    if (!commune.formerCodes().isEmpty()) {
      facts.add(fact("Anciens codes", Html.text(String.join(", ", commune.formerCodes()))));
    }
    layout.page(
        request,
        response,
        commune.nom(),
        Html.of(
            "{}<dl class=\"facts\" id=\"commune-fiche\">{}</dl>"
                + "<p class=\"mention\">Source : {}.</p>"
                + "<p><a href=\"/communes\">Chercher une autre commune</a></p>",
            renamed,
            Html.join(facts),
            commune.millesime().toString()));
  }

  private static Html fact(String label, Html value) {
    return Html.of("<dt>{}</dt><dd>{}</dd>", label, value);
  }

  private static Html link(Commune commune) {
    return Html.of("<a href=\"{}\">{} ({})</a>", href(commune), commune.nom(), commune.code());
  }

  private String detail(Commune commune) {
    String where = departementLabel(commune.departementCode());
    return commune.isCurrent() ? where : typeLabel(commune.type()) + " · " + where;
  }

  private String departementLabel(String code) {
    return territories
        .get()
        .departement(code)
        .map(Departement::nom)
        .map(n -> code + " · " + n)
        .orElse(code);
  }

  private static String href(Commune commune) {
    String path = "/communes/" + URLEncoder.encode(commune.code(), StandardCharsets.UTF_8);
    return commune.isCurrent() ? path : path + "?type=" + commune.type().apiName();
  }

  private static Optional<CommuneType> parseType(String apiName) {
    if (apiName == null) {
      return Optional.empty();
    }
    for (CommuneType type : CommuneType.values()) {
      if (type.apiName().equals(apiName)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  private static String typeLabel(CommuneType type) {
    return switch (type) {
      case ACTUELLE -> "commune";
      case DELEGUEE -> "commune déléguée";
      case ASSOCIEE -> "commune associée";
      case ARRONDISSEMENT_MUNICIPAL -> "arrondissement municipal";
    };
  }
}
