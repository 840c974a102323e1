package fr.socle.refdata.geo;

import static fr.socle.refdata.internal.Tree.array;
import static fr.socle.refdata.internal.Tree.object;
import static fr.socle.refdata.internal.Tree.required;
import static fr.socle.refdata.internal.Tree.string;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Client of API Géo ({@code https://geo.api.gouv.fr}), the online découpage administratif: the same
 * COG data as {@link fr.socle.refdata.Territories} plus geometry (commune at a point, centre,
 * area). Prefer the offline {@code Territories} for lookups by code or name; use this client for
 * positions or when the application must follow the live millésime.
 *
 * <p>Rate limited on the client side to the published 10 calls per second per IP; a circuit breaker
 * stops calls to a failing peer; {@code Retry-After} is honoured across calls. Immutable and
 * thread-safe; close it when done.
 *
 * <pre>{@code
 * try (ApiGeoClient geo = ApiGeoClient.builder()
 *     .httpTransport(http -> http.applicationName("mairie/1.0")).build()) {
 *   List<GeoCommune> here = geo.communes(CommuneQuery.at(new GeoPoint(48.9362, 2.3574)));
 * }
 * }</pre>
 *
 * <p>Errors: {@link InvalidIdentifierException} for a malformed code (the peer is not called),
 * {@link fr.socle.core.RateLimitedException}, {@link fr.socle.core.ClientRateLimitedException},
 * {@link fr.socle.core.CircuitOpenException}, {@link fr.socle.core.SocleTimeoutException}, {@link
 * fr.socle.core.SocleServiceException} for other peer errors and malformed answers.
 */
public final class ApiGeoClient implements AutoCloseable {
  /** The production base URL. */
  public static final String DEFAULT_BASE_URL = "https://geo.api.gouv.fr";

  /** The published limit: 10 calls per second per IP. */
  public static final RateLimitPolicy DEFAULT_RATE_LIMIT = RateLimitPolicy.perSecond(10);

  private static final String COMMUNE_FIELDS =
      "nom,code,codesPostaux,siren,codeEpci,codeDepartement,codeRegion,population,centre,surface";

  private final URI base;
  private final ApiCaller caller;

  private ApiGeoClient(URI base, ApiCaller caller) {
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
   * Returns the commune with a current INSEE code.
   *
   * @param code the INSEE code
   * @return the commune, empty if API Géo does not know it (404)
   * @throws InvalidIdentifierException if the code is malformed
   */
  public Optional<GeoCommune> commune(String code) {
    String c = Validators.communeCode(Objects.requireNonNull(code, "code")).orElseThrow();
    return caller
        .getJson(Urls.of(base, "/communes/" + c, Map.of("fields", COMMUNE_FIELDS)), Map.of(), 404)
        .map(n -> commune(object(n, "commune")));
  }

  /**
   * Searches communes.
   *
   * @param query the query
   * @return the communes, possibly empty
   */
  public List<GeoCommune> communes(CommuneQuery query) {
    Objects.requireNonNull(query, "query");
    Map<String, Object> q = new LinkedHashMap<>();
    query
        .nom()
        .ifPresent(
            n -> {
              q.put("nom", n);
              q.put("boost", "population");
            });
    query.postalCode().ifPresent(p -> q.put("codePostal", Validators.postalCode(p).orElseThrow()));
    query
        .point()
        .ifPresent(
            p -> {
              q.put("lat", p.latitude());
              q.put("lon", p.longitude());
            });
    query.formerCode().ifPresent(c -> q.put("ancienCode", Validators.normalise(c)));
    query.departementCode().ifPresent(d -> q.put("codeDepartement", Validators.normalise(d)));
    query.limit().ifPresent(l -> q.put("limit", l));
    q.put("fields", COMMUNE_FIELDS + (query.nom().isPresent() ? ",_score" : ""));
    return list(Urls.of(base, "/communes", q)).stream()
        .map(n -> commune(object(n, "commune")))
        .toList();
  }

  /**
   * Returns every département (metropolitan and DROM, as API Géo lists them by default).
   *
   * @return the départements
   */
  public List<GeoDepartement> departements() {
    return list(Urls.of(base, "/departements", Map.of())).stream()
        .map(n -> departement(object(n, "departement")))
        .toList();
  }

  /**
   * Returns a département.
   *
   * @param code for example {@code 2A}
   * @return the département, empty on 404
   */
  public Optional<GeoDepartement> departement(String code) {
    return caller
        .getJson(
            Urls.of(
                base,
                "/departements/"
                    + Urls.encode(Validators.normalise(Objects.requireNonNull(code, "code"))),
                Map.of()),
            Map.of(),
            404)
        .map(n -> departement(object(n, "departement")));
  }

  /**
   * Returns every région.
   *
   * @return the régions
   */
  public List<GeoRegion> regions() {
    return list(Urls.of(base, "/regions", Map.of())).stream()
        .map(n -> region(object(n, "region")))
        .toList();
  }

  /**
   * Returns an EPCI.
   *
   * @param siren its SIREN
   * @return the EPCI, empty on 404
   * @throws InvalidIdentifierException if the SIREN is malformed
   */
  public Optional<GeoEpci> epci(String siren) {
    String s = Validators.siren(Objects.requireNonNull(siren, "siren")).orElseThrow();
    return caller
        .getJson(Urls.of(base, "/epcis/" + s, Map.of()), Map.of(), 404)
        .map(n -> epci(object(n, "epci")));
  }

  /**
   * Returns the member communes of an EPCI.
   *
   * @param siren its SIREN
   * @return the communes, empty if unknown
   * @throws InvalidIdentifierException if the SIREN is malformed
   */
  public List<GeoCommune> epciCommunes(String siren) {
    String s = Validators.siren(Objects.requireNonNull(siren, "siren")).orElseThrow();
    return caller
        .getJson(
            Urls.of(base, "/epcis/" + s + "/communes", Map.of("fields", COMMUNE_FIELDS)),
            Map.of(),
            404)
        .map(n -> array(n, "communes").stream().map(c -> commune(object(c, "commune"))).toList())
        .orElse(List.of());
  }

  private List<Object> list(URI uri) {
    return array(caller.getJson(uri, Map.of(), -1).orElseThrow(), "list");
  }

  static GeoCommune commune(Map<String, Object> o) {
    Optional<GeoPoint> centre =
        Tree.objectOpt(o, "centre")
            .map(c -> array(c.get("coordinates"), "centre.coordinates"))
            .filter(a -> a.size() == 2 && a.get(0) instanceof Number && a.get(1) instanceof Number)
            .map(
                a ->
                    new GeoPoint(
                        ((Number) a.get(1)).doubleValue(), ((Number) a.get(0)).doubleValue()));
    return new GeoCommune(
        required(o, "code"),
        required(o, "nom"),
        string(o, "codeDepartement"),
        string(o, "codeRegion"),
        string(o, "siren"),
        string(o, "codeEpci"),
        Tree.strings(o, "codesPostaux"),
        Tree.integer(o, "population"),
        centre,
        Tree.number(o, "surface"),
        Tree.number(o, "_score"));
  }

  private static GeoDepartement departement(Map<String, Object> o) {
    return new GeoDepartement(required(o, "code"), required(o, "nom"), string(o, "codeRegion"));
  }

  private static GeoRegion region(Map<String, Object> o) {
    return new GeoRegion(required(o, "code"), required(o, "nom"));
  }

  private static GeoEpci epci(Map<String, Object> o) {
    OptionalLong population = Tree.longInt(o, "population");
    return new GeoEpci(
        required(o, "code"),
        required(o, "nom"),
        Tree.strings(o, "codesDepartements"),
        Tree.strings(o, "codesRegions"),
        population);
  }

  /**
   * Returns the settings a client's own transport starts from: {@link HttpPreset#DEFAULT} (5 s to
   * connect, 30 s of silence, 60 s per call), the published rate limit {@link #DEFAULT_RATE_LIMIT}
   * and the default circuit breaker. Build a shared transport from it to keep the peer's limits.
   *
   * @return a new transport builder
   */
  public static HttpTransport.Builder transportPreset() {
    return HttpTransport.builder()
        .preset(HttpPreset.DEFAULT)
        .rateLimit(DEFAULT_RATE_LIMIT)
        .circuitBreaker(CircuitBreakerPolicy.defaults());
  }

  @Override
  public void close() {
    caller.close();
  }

  @Override
  public String toString() {
    return "ApiGeoClient[" + base + "]";
  }

  /** Configures an {@link ApiGeoClient}. */
  public static final class Builder extends ApiClientBuilder<Builder> {
    private Builder() {
      super(URI.create(DEFAULT_BASE_URL), ApiGeoClient::transportPreset);
    }

    /**
     * Builds the client.
     *
     * @return a new client, to be closed
     */
    public ApiGeoClient build() {
      return new ApiGeoClient(
          baseUrl(),
          new ApiCaller(
              "API Géo",
              transport(),
              !sharesTransport(),
              cache().orElse(null),
              cacheTtl(),
              clock()));
    }
  }
}
