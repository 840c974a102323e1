package fr.socle.refdata.entreprises;

import static fr.socle.refdata.internal.Tree.object;
import static fr.socle.refdata.internal.Tree.required;
import static fr.socle.refdata.internal.Tree.string;

import fr.socle.core.InvalidInputException;
import fr.socle.core.http.CircuitBreakerPolicy;
import fr.socle.core.http.HttpPreset;
import fr.socle.core.http.HttpTransport;
import fr.socle.core.http.RateLimitPolicy;
import fr.socle.refdata.client.ApiClientBuilder;
import fr.socle.refdata.client.GeoPoint;
import fr.socle.refdata.internal.ApiCaller;
import fr.socle.refdata.internal.Tree;
import fr.socle.refdata.internal.Urls;
import fr.socle.refdata.validation.InvalidIdentifierException;
import fr.socle.refdata.validation.Validators;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Client of the API Recherche d'entreprises ({@code https://recherche-entreprises.api.gouv.fr}):
 * free, no account, 7 calls per second per IP (30 per ASN: cloud neighbours share it).
 *
 * <p>The service bans IPs that keep calling during an outage, at the TCP level, which also cuts
 * access to other APIs on the same infrastructure. So this client limits itself to 7 calls per
 * second, retries at most once, and has a strict circuit breaker by default: 3 failures in the last
 * 5 calls stop every call for 2 minutes. {@code Retry-After} is honoured across calls. Immutable
 * and thread-safe; close it when done.
 *
 * <pre>{@code
 * try (RechercheEntreprisesClient re = RechercheEntreprisesClient.builder()
 *     .httpTransport(http -> http.applicationName("mairie/1.0 (dsi@mairie.fr)")).build()) {
 *   EntrepriseSearchResult page = re.search(EntrepriseQuery.text("boulangerie").postalCode("93200"));
 * }
 * }</pre>
 *
 * <p>Errors: {@link InvalidIdentifierException} for a malformed SIREN (the peer is not called),
 * {@link fr.socle.core.RateLimitedException}, {@link fr.socle.core.ClientRateLimitedException},
 * {@link fr.socle.core.CircuitOpenException}, {@link fr.socle.core.SocleTimeoutException}, {@link
 * fr.socle.core.SocleServiceException}.
 */
public final class RechercheEntreprisesClient implements AutoCloseable {
  /** The production base URL. */
  public static final String DEFAULT_BASE_URL = "https://recherche-entreprises.api.gouv.fr";

  /** The published limit: 7 calls per second per IP. */
  public static final RateLimitPolicy DEFAULT_RATE_LIMIT = RateLimitPolicy.perSecond(7);

  /** 3 failures in the last 5 calls stop calls for 2 minutes. */
  public static final CircuitBreakerPolicy DEFAULT_CIRCUIT_BREAKER =
      new CircuitBreakerPolicy(5, 60f, Duration.ofMinutes(2));

  private final URI base;
  private final ApiCaller caller;

  private RechercheEntreprisesClient(URI base, ApiCaller caller) {
    this.base = base;
    this.caller = caller;
  }

  /**
   * Starts a builder with the production defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Searches legal units.
   *
   * @param query the query
   * @return a page of results
   */
  public EntrepriseSearchResult search(EntrepriseQuery query) {
    return page(Urls.of(base, "/search", Objects.requireNonNull(query, "query").parameters()));
  }

  /**
   * Finds a legal unit by SIREN.
   *
   * @param siren the SIREN
   * @return the unit, empty if unknown or not diffusible
   * @throws InvalidIdentifierException if the SIREN is invalid (the peer is not called)
   */
  public Optional<Entreprise> bySiren(String siren) {
    String s = Validators.siren(Objects.requireNonNull(siren, "siren")).orElseThrow();
    return search(EntrepriseQuery.text(s).perPage(5)).results().stream()
        .filter(e -> e.siren().equals(s))
        .findFirst();
  }

  /**
   * Finds establishments around a point.
   *
   * @param point the centre
   * @param radiusKm the radius in kilometres, up to 50
   * @param page from 1
   * @param perPage 1 to 25
   * @return a page of results
   */
  public EntrepriseSearchResult nearPoint(GeoPoint point, double radiusKm, int page, int perPage) {
    Objects.requireNonNull(point, "point");
    if (!(radiusKm > 0 && radiusKm <= 50)) {
      throw new InvalidInputException("radius must be in (0, 50] km");
    }
    Map<String, String> q = new LinkedHashMap<>();
    q.put("lat", Double.toString(point.latitude()));
    q.put("long", Double.toString(point.longitude()));
    q.put("radius", Double.toString(radiusKm));
    q.putAll(EntrepriseQuery.filters().page(page).perPage(perPage).parameters());
    return page(Urls.of(base, "/near_point", q));
  }

  private EntrepriseSearchResult page(URI uri) {
    Map<String, Object> o = object(caller.getJson(uri, Map.of(), -1).orElseThrow(), "response");
    List<Entreprise> results =
        Tree.arrayOrEmpty(o, "results").stream().map(r -> entreprise(object(r, "result"))).toList();
    return new EntrepriseSearchResult(
        results,
        Tree.longInt(o, "total_results").orElse(results.size()),
        Tree.integer(o, "page").orElse(1),
        Tree.integer(o, "per_page").orElse(results.size()),
        Tree.integer(o, "total_pages").orElse(1));
  }

  private static Entreprise entreprise(Map<String, Object> o) {
    Optional<CollectiviteTerritoriale> collectivite =
        Tree.objectOpt(o, "complements")
            .flatMap(c -> Tree.objectOpt(c, "collectivite_territoriale"))
            .flatMap(
                c ->
                    string(c, "code")
                        .map(
                            code ->
                                new CollectiviteTerritoriale(
                                    code, string(c, "code_insee"), string(c, "niveau"))));
    return new Entreprise(
        required(o, "siren"),
        string(o, "nom_complet").or(() -> string(o, "nom_raison_sociale")).orElse(""),
        string(o, "nature_juridique"),
        string(o, "activite_principale"),
        string(o, "categorie_entreprise"),
        string(o, "etat_administratif"),
        string(o, "date_creation"),
        Tree.objectOpt(o, "siege").map(RechercheEntreprisesClient::etablissement),
        Tree.arrayOrEmpty(o, "matching_etablissements").stream()
            .map(e -> etablissement(object(e, "etablissement")))
            .toList(),
        collectivite);
  }

  private static Etablissement etablissement(Map<String, Object> o) {
    OptionalDouble lat = Tree.number(o, "latitude");
    OptionalDouble lon = Tree.number(o, "longitude");
    Optional<GeoPoint> position =
        lat.isPresent() && lon.isPresent()
            ? Optional.of(new GeoPoint(lat.getAsDouble(), lon.getAsDouble()))
            : Optional.empty();
    return new Etablissement(
        required(o, "siret"),
        string(o, "adresse"),
        string(o, "code_postal"),
        string(o, "commune"),
        string(o, "libelle_commune"),
        position,
        string(o, "activite_principale"),
        string(o, "etat_administratif"),
        Tree.bool(o, "est_siege").orElse(false));
  }

  /**
   * Returns the settings a client's own transport starts from: {@link HttpPreset#DEFAULT} (5 s to
   * connect, 30 s of silence, 60 s per call), the published rate limit {@link #DEFAULT_RATE_LIMIT}
   * and {@link #DEFAULT_CIRCUIT_BREAKER}, one retry. Build a shared transport from it to keep the
   * peer's limits.
   *
   * @return a new transport builder
   */
  public static HttpTransport.Builder transportPreset() {
    return HttpTransport.builder()
        .preset(HttpPreset.DEFAULT)
        .rateLimit(DEFAULT_RATE_LIMIT)
        .circuitBreaker(DEFAULT_CIRCUIT_BREAKER)
        .maxRetries(1);
  }

  @Override
  public void close() {
    caller.close();
  }

  @Override
  public String toString() {
    return "RechercheEntreprisesClient[" + base + "]";
  }

  /** Configures a {@link RechercheEntreprisesClient}. */
  public static final class Builder extends ApiClientBuilder<Builder> {
    private Builder() {
      super(URI.create(DEFAULT_BASE_URL), RechercheEntreprisesClient::transportPreset);
    }

    /**
     * Builds the client.
     *
     * @return a new client, to be closed
     */
    public RechercheEntreprisesClient build() {
      return new RechercheEntreprisesClient(
          baseUrl(),
          new ApiCaller(
              "Recherche d'entreprises",
              transport(),
              !sharesTransport(),
              cache().orElse(null),
              cacheTtl(),
              clock()));
    }
  }
}
