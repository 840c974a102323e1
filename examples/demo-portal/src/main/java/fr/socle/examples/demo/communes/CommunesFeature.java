package fr.socle.examples.demo.communes;

import fr.socle.examples.demo.Feature;
import fr.socle.examples.demo.web.Html;
import fr.socle.examples.demo.web.Layout;
import fr.socle.examples.demo.web.NavEntry;
import fr.socle.refdata.Territories;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Trouver ma commune": search and autocompletion on the offline territories of socle-refdata.
 * Nothing leaves the machine; the data is the COG shipped in the jar.
 */
public final class CommunesFeature implements Feature {
  private static final Logger LOG = LoggerFactory.getLogger(CommunesFeature.class);

  private static final long WARM_UP_DELAY_MILLIS = 1000;

  private final Supplier<Territories> territories;
  private CommunesServlet servlet;

  /**
   * Uses the given territories. Call {@link #register} before {@link #started}.
   *
   * @param territories usually {@code Territories::embedded}, which loads them on first use
   */
  public CommunesFeature(Supplier<Territories> territories) {
    this.territories = territories;
  }

  /**
   * Uses the territories embedded in socle-refdata, loaded on first use.
   *
   * @return the feature
   */
  public static CommunesFeature embedded() {
    return new CommunesFeature(Territories::embedded);
  }

  /**
   * Loads the territories and the JSON binding in the background, before the first keystroke but
   * after the portal has had a moment to answer its first requests: loading takes a few hundred
   * milliseconds of one core, which the home page does not need.
   */
  @Override
  public void started() {
    Thread warm =
        new Thread(
            () -> {
              try {
                Thread.sleep(WARM_UP_DELAY_MILLIS);
                servlet.warmUp();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException e) {
                LOG.warn("territories could not be loaded", e);
              }
            },
            "territories-load");
    warm.setDaemon(true);
    warm.setPriority(Thread.MIN_PRIORITY);
    warm.start();
  }

  @Override
  public void register(ServletContextHandler context, Layout layout) {
    servlet = new CommunesServlet(layout, territories);
    ServletHolder holder = new ServletHolder(servlet);
    context.addServlet(holder, "/communes");
    context.addServlet(holder, "/communes/*");
    layout.addNav(new NavEntry("/communes", "Trouver ma commune", false));
  }

  @Override
  public Html homeCard(HttpServletRequest request) {
    return new Html(
        "<div class=\"card\"><h3>Trouver ma commune</h3>"
            + "<p>Code INSEE, codes postaux, département, intercommunalité : les territoires"
            + " officiels, consultables hors ligne.</p>"
            + "<a class=\"button\" href=\"/communes\">Trouver ma commune</a></div>");
  }

  @Override
  public List<String> describe() {
    // Not territories.get(): the banner must not wait for them to load.
    return List.of(
        "Territoires : référentiel hors ligne du COG (socle-refdata), aucun appel réseau");
  }
}
