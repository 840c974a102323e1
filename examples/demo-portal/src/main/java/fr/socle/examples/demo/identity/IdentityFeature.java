package fr.socle.examples.demo.identity;

import fr.socle.core.Secret;
import fr.socle.examples.demo.DemoConfig;
import fr.socle.examples.demo.Feature;
import fr.socle.examples.demo.web.Html;
import fr.socle.examples.demo.web.Layout;
import fr.socle.examples.demo.web.NavEntry;
import fr.socle.identity.IdentityClient;
import fr.socle.identity.IdentityClientBuilder;
import fr.socle.identity.IdentityProvider;
import fr.socle.identity.Scope;
import fr.socle.identity.servlet.IdentityServlet;
import fr.socle.refdata.Territories;
import fr.socle.testkit.franceconnect.Flavour;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * Sign-in with FranceConnect (or ProConnect, or any OpenID provider) through socle-identity and its
 * servlet adapter, mounted on {@code /auth/*}; and "Mon espace", which shows the identity received.
 */
public final class IdentityFeature implements Feature {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(IdentityFeature.class);

  /** Where {@link IdentityServlet} is mounted. */
  public static final String MOUNT = "/auth";

  private final IdentityClient client;
  private final Supplier<Territories> territories;
  private final List<String> description;
  private final List<AutoCloseable> resources;
  private final Optional<FranceConnectSimulator> simulator;
  private volatile Layout layout;

  private IdentityFeature(
      IdentityClient client,
      Supplier<Territories> territories,
      List<String> description,
      List<AutoCloseable> resources,
      Optional<FranceConnectSimulator> simulator) {
    this.client = client;
    this.simulator = simulator;
    this.territories = territories;
    this.description = List.copyOf(description);
    this.resources = List.copyOf(resources);
  }

  /**
   * Connects the portal to the identity provider of the configuration.
   *
   * @param settings the provider
   * @param baseUrl the portal's address
   * @param transactionKey the sealing secret
   * @param territories to name birthplaces
   * @return the feature
   */
  public static IdentityFeature real(
      DemoConfig.Identity settings,
      String baseUrl,
      Secret transactionKey,
      Supplier<Territories> territories) {
    IdentityProvider provider =
        switch (settings.flavour()) {
          case "fc" -> IdentityProvider.franceConnect(settings.issuer());
          case "fcplus" -> IdentityProvider.franceConnectPlus(settings.issuer());
          case "proconnect" -> IdentityProvider.proConnect(settings.issuer());
          default -> IdentityProvider.oidc(settings.issuer());
        };
    IdentityClientBuilder builder =
        clientBuilder(
                provider, settings.clientId(), settings.clientSecret(), baseUrl, transactionKey)
            .scopes(scopes(settings.flavour()));
    settings.decryptionJwks().ifPresent(builder::decryptionKeys);
    IdentityClient client = builder.build();
    return new IdentityFeature(
        client,
        territories,
        List.of(
            "Identité : "
                + label(settings.flavour())
                + " réel, émetteur "
                + settings.issuer()
                + " (socle-identity)"),
        List.of(client),
        Optional.empty());
  }

  /**
   * Starts socle-testkit's FranceConnect simulator on a free port, registers the portal with it,
   * and connects the portal to it exactly as to the real FranceConnect: same preset rules, same
   * discovery, same token checks.
   *
   * @param baseUrl the portal's address
   * @param transactionKey the sealing secret
   * @param territories to name birthplaces
   * @return the feature
   */
  public static IdentityFeature simulated(
      String baseUrl, Secret transactionKey, Supplier<Territories> territories) {
    FranceConnectSimulator simulator =
        FranceConnectSimulator.builder()
            .flavour(Flavour.FC)
            .redirectUri(URI.create(baseUrl + MOUNT + "/callback"))
            .postLogoutRedirectUri(URI.create(baseUrl + MOUNT + "/logged-out"))
            .build()
            .start();
    try {
      IdentityClient client =
          clientBuilder(
                  IdentityProvider.franceConnect(URI.create(simulator.issuer())),
                  simulator.clientId(),
                  simulator.clientSecret(),
                  baseUrl,
                  transactionKey)
              .scopes(simulatedScopes())
              // The canteen asks API Particulier in FranceConnect mode with the user's access
              // token: the portal keeps it in the session (never logged, dropped at logout).
              .keepProviderTokens(true)
              .build();
      return new IdentityFeature(
          client,
          territories,
          List.of(
              "Identité : simulateur FranceConnect (socle-testkit), émetteur "
                  + simulator.issuer()),
          List.of(simulator, client),
          Optional.of(simulator));
    } catch (RuntimeException e) {
      simulator.close();
      throw e;
    }
  }

  /**
   * Returns the simulator this feature started, if it started one: tests use it to misbehave.
   *
   * @return the simulator, or empty against a real provider
   */
  public Optional<FranceConnectSimulator> simulator() {
    return simulator;
  }

  static IdentityClientBuilder clientBuilder(
      IdentityProvider provider,
      String clientId,
      Secret clientSecret,
      String baseUrl,
      Secret transactionKey) {
    return IdentityClient.builder()
        .provider(provider)
        .clientId(clientId)
        .clientSecret(clientSecret)
        .redirectUri(URI.create(baseUrl + MOUNT + "/callback"))
        .postLogoutRedirectUri(URI.create(baseUrl + MOUNT + "/logged-out"))
        .transactionKey(transactionKey);
  }

  /**
   * Returns a random sealing secret, for a single node that may forget logins in progress when it
   * restarts.
   *
   * @return 32 random bytes, base64url-encoded
   */
  public static Secret randomTransactionKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(key));
  }

  /**
   * The scopes of the simulated FranceConnect login: the pivot identity and e-mail, plus the API
   * Particulier data scopes FranceConnect defines for the quotient familial (once-only spec §1.7,
   * from france-connect sources back/libs/scopes/src/data/cnaf-msa/cnaf-msa.claims.ts; the fields
   * the quotient's answer carries: the quotient, the allocataires, the children). A real
   * FranceConnect grants them only to a service whose API Particulier habilitation covers the
   * FranceConnect modality, and refuses the login otherwise; that is why the real-provider mode
   * does not ask for them.
   */
  static List<Scope> simulatedScopes() {
    List<Scope> scopes = new ArrayList<>(scopes("fc"));
    scopes.addAll(QUOTIENT_FAMILIAL_SCOPES);
    return List.copyOf(scopes);
  }

  /** FranceConnect's data scopes for API Particulier's quotient familial. */
  private static final List<Scope> QUOTIENT_FAMILIAL_SCOPES =
      List.of(
          Scope.of("cnaf_quotient_familial"),
          Scope.of("cnaf_allocataires"),
          Scope.of("cnaf_enfants"));

  private static List<Scope> scopes(String flavour) {
    return switch (flavour) {
      case "proconnect" ->
          List.of(
              Scope.GIVEN_NAME,
              Scope.USUAL_NAME,
              Scope.EMAIL,
              Scope.UID,
              Scope.SIRET,
              Scope.ROLES,
              Scope.ORGANIZATION_LABEL);
      case "oidc" -> List.of(Scope.PROFILE, Scope.EMAIL);
      default -> List.of(Scope.IDENTITE_PIVOT, Scope.EMAIL);
    };
  }

  private static String label(String flavour) {
    return switch (flavour) {
      case "fc" -> "FranceConnect";
      case "fcplus" -> "FranceConnect+";
      case "proconnect" -> "ProConnect";
      default -> "fournisseur OpenID Connect";
    };
  }

  @Override
  public void register(ServletContextHandler context, Layout layout) {
    this.layout = layout;
    context.addServlet(
        new ServletHolder(new IdentityServlet(client, new PortalIdentityCallback(layout))),
        MOUNT + "/*");
    context.addServlet(new ServletHolder(new EspaceServlet(layout, territories)), "/espace");
    layout.addNav(new NavEntry("/espace", "Mon espace", true));
    layout.enableSignIn(MOUNT + "/logout");
  }

  @Override
  public Html homeCard(HttpServletRequest request) {
    if (layout.citizen(request).isPresent()) {
      return new Html(
          "<div class=\"card\"><h3>Mon espace citoyen</h3>"
              + "<p>Votre identité, vos paiements et vos justificatifs.</p>"
              + "<a class=\"button\" href=\"/espace\">Accéder à mon espace</a></div>");
    }
    return new Html(
        "<div class=\"card\"><h3>Mon espace citoyen</h3>"
            + "<p>Connectez-vous avec l'identité que vous utilisez déjà pour les impôts ou"
            + " l'Assurance maladie : pas de nouveau mot de passe.</p>"
            + "<div class=\"fc-group\"><form method=\"get\" action=\""
            + MOUNT
            + "/login\"><button type=\"submit\" class=\"fc-button\" id=\"franceconnect\">"
            + "<span class=\"fc-button__login\">S'identifier avec</span>"
            + " <span class=\"fc-button__brand\">FranceConnect</span></button></form>"
            + "<p><a href=\"https://franceconnect.gouv.fr/\" target=\"_blank\" rel=\"noopener\""
            + " title=\"Qu'est-ce que FranceConnect ? - nouvelle fenêtre\">Qu'est-ce que"
            + " FranceConnect ?</a></p></div></div>");
  }

  @Override
  public List<String> describe() {
    return description;
  }

  @Override
  public void close() {
    List<AutoCloseable> reversed = new ArrayList<>(resources);
    java.util.Collections.reverse(reversed);
    for (AutoCloseable resource : reversed) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("could not close {}", resource.getClass().getSimpleName(), e);
      }
    }
  }
}
