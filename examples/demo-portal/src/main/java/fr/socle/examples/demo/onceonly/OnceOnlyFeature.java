package fr.socle.examples.demo.onceonly;

import fr.socle.core.Secret;
import fr.socle.examples.demo.Feature;
import fr.socle.examples.demo.web.Html;
import fr.socle.examples.demo.web.Layout;
import fr.socle.examples.demo.web.NavEntry;
import fr.socle.onceonly.ApiEntrepriseClient;
import fr.socle.onceonly.ApiParticulierClient;
import fr.socle.onceonly.AuditListener;
import fr.socle.onceonly.OnceOnlyRateLimiter;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import fr.socle.testkit.onceonly.FranceConnectTokenResolver;
import fr.socle.testkit.onceonly.OnceOnlySimulator;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Dites-le-nous une fois": the canteen invoice priced by the family's quotient familial (API
 * Particulier) and the attestations of a public contract's holder (API Entreprise), against the
 * testkit's simulator of both APIs.
 */
public final class OnceOnlyFeature implements Feature {
  private static final Logger AUDIT = LoggerFactory.getLogger("fr.socle.demo.audit");

  /** The demo commune's SIRET: the recipient of every call. */
  static final String RECIPIENT = OnceOnlySimulator.RECIPIENT;

  private final OnceOnlySimulator simulator;
  private final ApiParticulierClient particulier;
  private final ApiEntrepriseClient entreprise;
  private final CanteenServlet.Mode canteenMode;

  private OnceOnlyFeature(
      OnceOnlySimulator simulator,
      ApiParticulierClient particulier,
      ApiEntrepriseClient entreprise,
      CanteenServlet.Mode canteenMode) {
    this.simulator = simulator;
    this.particulier = particulier;
    this.entreprise = entreprise;
    this.canteenMode = canteenMode;
  }

  /**
   * Starts the simulator and the two clients, sharing one rate limiter.
   *
   * <p>With the portal's FranceConnect simulator, the canteen asks for the quotient familial in
   * FranceConnect mode (the user's access token; the API simulator checks it with the FranceConnect
   * simulator, as API Particulier checks it with FranceConnect). Against a real identity provider,
   * whose tokens the simulated API cannot check, it asks by the pivot identity FranceConnect
   * certified.
   *
   * @param franceConnect the portal's FranceConnect simulator, if it runs one
   * @return the feature
   */
  public static OnceOnlyFeature simulated(Optional<FranceConnectSimulator> franceConnect) {
    OnceOnlySimulator.Builder builder = OnceOnlySimulator.builder();
    franceConnect.map(FranceConnectTokenResolver::of).ifPresent(builder::franceConnect);
    OnceOnlySimulator simulator = builder.start();
    String base = simulator.baseUrl().toString();
    // A page must not hang: a call whose slot is more than 2 s away fails at once.
    OnceOnlyRateLimiter limiter =
        OnceOnlyRateLimiter.builder().maxWait(java.time.Duration.ofSeconds(2)).build();
    // Who asked what, for whom and why; never the data received.
    AuditListener audit =
        e ->
            AUDIT.info(
                "api={} route={} recipient={} object={} subject={} status={}",
                e.api(),
                e.route(),
                e.recipient(),
                e.object().orElse("-"),
                e.subject().orElse("-"),
                e.status());
    ApiParticulierClient particulier =
        ApiParticulierClient.builder()
            .baseUrl(base)
            .token(Secret.of(OnceOnlySimulator.PARTICULIER_TOKEN))
            .recipient(RECIPIENT)
            .rateLimiter(limiter)
            .auditListener(audit)
            .build();
    ApiEntrepriseClient entreprise =
        ApiEntrepriseClient.builder()
            .baseUrl(base)
            .token(Secret.of(OnceOnlySimulator.ENTREPRISE_TOKEN))
            .rateLimiter(limiter)
            .auditListener(audit)
            .build();
    return new OnceOnlyFeature(
        simulator,
        particulier,
        entreprise,
        franceConnect.isPresent()
            ? CanteenServlet.Mode.FRANCE_CONNECT
            : CanteenServlet.Mode.IDENTITE);
  }

  /**
   * Returns the simulator, for tests that make it misbehave.
   *
   * @return the simulator
   */
  public Optional<OnceOnlySimulator> simulator() {
    return Optional.ofNullable(simulator);
  }

  @Override
  public void register(ServletContextHandler context, Layout layout) {
    context.addServlet(
        new ServletHolder(
            new CanteenServlet(layout, particulier, CanteenPricing.demo(), canteenMode)),
        "/cantine");
    context.addServlet(
        new ServletHolder(new MarchesPublicsServlet(layout, entreprise)), "/marches-publics");
    layout.addNav(new NavEntry("/cantine", "Tarif de cantine", true));
    layout.addNav(new NavEntry("/marches-publics", "Marchés publics", false));
  }

  @Override
  public Html homeCard(HttpServletRequest request) {
    return new Html(
        "<div class=\"card\"><h3>Dites-le-nous une fois</h3>"
            + "<p>Votre tarif de cantine calculé avec votre quotient familial, sans justificatif ;"
            + " les attestations des entreprises vérifiées à la source.</p>"
            + "<a class=\"button\" href=\"/cantine\">Mon tarif de cantine</a> "
            + "<a class=\"button button--secondary\" href=\"/marches-publics\">Marchés publics</a>"
            + "</div>");
  }

  @Override
  public List<String> describe() {
    return List.of(
        "API Particulier et API Entreprise : simulateur local sur " + simulator.baseUrl());
  }

  @Override
  public void close() {
    particulier.close();
    entreprise.close();
    simulator.close();
  }
}
