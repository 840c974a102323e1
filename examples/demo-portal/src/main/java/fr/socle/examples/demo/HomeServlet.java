package fr.socle.examples.demo;

import fr.socle.examples.demo.web.Html;
import fr.socle.examples.demo.web.Layout;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The home page, and the "page not found" answer for every unknown path. */
final class HomeServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient Layout layout;
  private final transient List<Feature> features;

  HomeServlet(Layout layout, List<Feature> features) {
    this.layout = layout;
    this.features = List.copyOf(features);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!"/".equals(request.getRequestURI())) {
      layout.error(
          request,
          response,
          HttpServletResponse.SC_NOT_FOUND,
          "Cette page n'existe pas. Elle a peut-être été déplacée.");
      return;
    }
    List<Html> cards = new ArrayList<>();
    for (Feature feature : features) {
      cards.add(feature.homeCard(request));
    }
    Html intro =
        layout
            .citizen(request)
            .map(
                citizen ->
                    Html.of(
                        "<p class=\"lead\">Bonjour {}, que souhaitez-vous faire aujourd'hui ?</p>",
                        citizen.displayName()))
            .orElse(
                new Html(
                    "<p class=\"lead\">Faites vos démarches auprès de votre mairie, en ligne,"
                        + " à toute heure.</p>"));
    layout.page(
        request,
        response,
        "Bienvenue sur le portail de la Mairie de Démo",
        Html.of("{}<div class=\"cards\">{}</div>", intro, Html.join(cards)));
  }
}
