package fr.socle.examples.demo;

import fr.socle.examples.demo.web.Html;
import fr.socle.examples.demo.web.Layout;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Says what this demonstration runs: each block, and whether it is a simulator. */
final class AboutServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient Layout layout;
  private final transient List<Feature> features;

  AboutServlet(Layout layout, List<Feature> features) {
    this.layout = layout;
    this.features = List.copyOf(features);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    List<Html> items = new ArrayList<>();
    for (Feature feature : features) {
      for (String line : feature.describe()) {
        items.add(Html.of("<li>{}</li>", line));
      }
    }
    Html blocks =
        items.isEmpty()
            ? new Html("<p>Aucun service n'est branché sur ce portail.</p>")
            : Html.of("<ul class=\"list\">{}</ul>", Html.join(items));
    layout.page(
        request,
        response,
        "À propos de cette démonstration",
        Html.of(
            "<p>La Mairie de Démo montre comment un éditeur assemble les briques de Socle dans une"
                + " application Java : identification FranceConnect, paiement PayFiP, coffre-fort"
                + " de documents et référentiel des territoires.</p>"
                + "<h2>Ce qui tourne</h2>{}"
                + "<p>Chaque simulateur peut être remplacé par le service réel au moyen de"
                + " variables d'environnement (voir le fichier README de l'exemple).</p>",
            blocks));
  }
}
