package fr.socle.refdata.sirene;

import static fr.socle.refdata.internal.Tree.object;
import static fr.socle.refdata.internal.Tree.required;
import static fr.socle.refdata.internal.Tree.string;

import fr.socle.core.InvalidInputException;
import fr.socle.core.Secret;
import fr.socle.core.http.CircuitBreakerPolicy;
import fr.socle.core.http.HttpPreset;
import fr.socle.core.http.HttpTransport;
import fr.socle.core.http.RateLimitPolicy;
import fr.socle.refdata.client.ApiClientBuilder;
import fr.socle.refdata.internal.ApiCaller;
import fr.socle.refdata.internal.Tree;
import fr.socle.refdata.internal.Urls;
import fr.socle.refdata.validation.InvalidIdentifierException;
import fr.socle.refdata.validation.SiretMode;
import fr.socle.refdata.validation.Validators;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Client of the INSEE API Sirene 3.11 ({@code https://api.insee.fr/api-sirene/3.11}), authenticated
 * with the integration key of the portail-api.insee.fr subscription (header {@code
 * X-INSEE-Api-Key-Integration}; the OAuth {@code /token} of the old portal is closed since
 * September 2025).
 *
 * <p>The public plan allows 30 calls a minute: the client limits itself to that (a call waits up to
 * 10 seconds for a permit, then fails with {@link fr.socle.core.ClientRateLimitedException}),
 * honours {@code Retry-After}, and opens a circuit breaker on repeated failures. Share one client
 * (and, across nodes, a {@link fr.socle.refdata.spi.ResponseCache}) per key: the quota is per key.
 * Immutable and thread-safe; close it when done. The key never appears in logs or messages.
 *
 * <pre>{@code
 * try (SireneClient sirene = SireneClient.builder()
 *     .apiKey(Secret.of(System.getenv("INSEE_API_KEY"))).build()) {
 *   Optional<UniteLegale> ul = sirene.uniteLegale("217500016");
 * }
 * }</pre>
 *
 * <p>Errors: {@link InvalidIdentifierException} for an invalid SIREN or SIRET (the peer is not
 * called), {@link fr.socle.core.SocleServiceException} with status 401 (bad key), 403 (unit not
 * diffusible) or other errors, plus the transport's exceptions.
 */
public final class SireneClient implements AutoCloseable {
  /** The production base URL. */
  public static final String DEFAULT_BASE_URL = "https://api.insee.fr/api-sirene/3.11";

  /** The public plan's quota: 30 calls a minute, waiting up to 10 s for a permit. */
  public static final RateLimitPolicy DEFAULT_RATE_LIMIT =
      new RateLimitPolicy(30, Duration.ofMinutes(1), Duration.ofSeconds(10));

  /** The largest page INSEE serves in JSON. */
  public static final int MAX_PAGE_SIZE = 1000;

  static final String KEY_HEADER = "X-INSEE-Api-Key-Integration";

  private final URI base;
  private final ApiCaller caller;
  private final Secret apiKey;

  private SireneClient(URI base, ApiCaller caller, Secret apiKey) {
    this.base = base;
    this.caller = caller;
    this.apiKey = apiKey;
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
   * Returns a legal unit.
   *
   * @param siren the SIREN
   * @return the unit, empty if INSEE does not know it (404)
   * @throws InvalidIdentifierException if the SIREN is invalid
   */
  public Optional<UniteLegale> uniteLegale(String siren) {
    String s = Validators.siren(Objects.requireNonNull(siren, "siren")).orElseThrow();
    return caller
        .getJson(Urls.of(base, "/siren/" + s, Map.of()), auth(), 404)
        .map(n -> uniteLegale(object(object(n, "response").get("uniteLegale"), "uniteLegale")));
  }

  /**
   * Returns an establishment.
   *
   * @param siret the SIRET (La Poste SIRETs accepted as INSEE does)
   * @return the establishment, empty if INSEE does not know it (404)
   * @throws InvalidIdentifierException if the SIRET is invalid
   */
  public Optional<EtablissementSirene> etablissement(String siret) {
    String s =
        Validators.siret(Objects.requireNonNull(siret, "siret"), SiretMode.STATE_API).orElseThrow();
    return caller
        .getJson(Urls.of(base, "/siret/" + s, Map.of()), auth(), 404)
        .map(
            n ->
                etablissement(object(object(n, "response").get("etablissement"), "etablissement")));
  }

  /**
   * Searches establishments with INSEE's multi-criteria syntax, one page at a time with a cursor.
   *
   * <pre>{@code
   * String cursor = "*";
   * SirenePage page;
   * do {
   *   page = sirene.searchEtablissements(
   *       "codeCommuneEtablissement:93066 AND periode(etatAdministratifEtablissement:A)", 1000, cursor);
   *   handle(page.etablissements());
   *   cursor = page.nextCursor().orElse(null);
   * } while (cursor != null);
   * }</pre>
   *
   * @param q the query, for example {@code codeCommuneEtablissement:75101}
   * @param nombre the page size, 1 to 1000
   * @param cursor {@code "*"} for the first page, then {@link SirenePage#nextCursor()}
   * @return the page; empty when nothing matches
   */
  public SirenePage searchEtablissements(String q, int nombre, String cursor) {
    Objects.requireNonNull(q, "q");
    Objects.requireNonNull(cursor, "cursor");
    if (nombre < 1 || nombre > MAX_PAGE_SIZE) {
      throw new InvalidInputException("nombre must be between 1 and " + MAX_PAGE_SIZE);
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("q", q);
    params.put("nombre", nombre);
    params.put("curseur", cursor);
    Optional<Object> doc = caller.getJson(Urls.of(base, "/siret", params), auth(), 404);
    if (doc.isEmpty()) {
      return new SirenePage(List.of(), 0, Optional.empty());
    }
    Map<String, Object> o = object(doc.get(), "response");
    Map<String, Object> header = Tree.objectOpt(o, "header").orElse(Map.of());
    List<EtablissementSirene> items =
        Tree.arrayOrEmpty(o, "etablissements").stream()
            .map(e -> etablissement(object(e, "etablissement")))
            .toList();
    Optional<String> next =
        string(header, "curseurSuivant").filter(c -> !c.equals(cursor) && !items.isEmpty());
    return new SirenePage(items, Tree.longInt(header, "total").orElse(items.size()), next);
  }

  private Map<String, String> auth() {
    return Map.of(KEY_HEADER, apiKey.reveal());
  }

  private static Map<String, Object> currentPeriod(Map<String, Object> o, String key) {
    // INSEE lists periods most recent first; the current one has no end date.
    List<Object> periods = Tree.arrayOrEmpty(o, key);
    for (Object p : periods) {
      Map<String, Object> period = object(p, key);
      if (period.get("dateFin") == null) {
        return period;
      }
    }
    return periods.isEmpty() ? Map.of() : object(periods.get(0), key);
  }

  private static UniteLegale uniteLegale(Map<String, Object> o) {
    Map<String, Object> p = currentPeriod(o, "periodesUniteLegale");
    return new UniteLegale(
        required(o, "siren"),
        string(p, "denominationUniteLegale"),
        string(p, "nomUniteLegale"),
        string(o, "prenom1UniteLegale"),
        string(o, "sigleUniteLegale"),
        string(p, "categorieJuridiqueUniteLegale"),
        string(p, "activitePrincipaleUniteLegale"),
        string(p, "etatAdministratifUniteLegale"),
        string(o, "dateCreationUniteLegale"),
        string(p, "nicSiegeUniteLegale"),
        string(o, "categorieEntreprise"),
        string(o, "statutDiffusionUniteLegale"));
  }

  private static EtablissementSirene etablissement(Map<String, Object> o) {
    Map<String, Object> p = currentPeriod(o, "periodesEtablissement");
    Map<String, Object> a = Tree.objectOpt(o, "adresseEtablissement").orElse(Map.of());
    Map<String, Object> ul = Tree.objectOpt(o, "uniteLegale").orElse(Map.of());
    String siret = required(o, "siret");
    return new EtablissementSirene(
        siret,
        string(o, "siren").orElse(siret.substring(0, Math.min(9, siret.length()))),
        Tree.bool(o, "etablissementSiege").orElse(false),
        string(p, "etatAdministratifEtablissement"),
        string(p, "activitePrincipaleEtablissement"),
        string(p, "enseigne1Etablissement"),
        string(ul, "denominationUniteLegale"),
        string(a, "numeroVoieEtablissement"),
        string(a, "typeVoieEtablissement"),
        string(a, "libelleVoieEtablissement"),
        string(a, "codePostalEtablissement"),
        string(a, "libelleCommuneEtablissement"),
        string(a, "codeCommuneEtablissement"),
        string(o, "dateCreationEtablissement"),
        string(o, "statutDiffusionEtablissement"));
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
    return "SireneClient[" + base + ", apiKey=" + apiKey + "]";
  }

  /** Configures a {@link SireneClient}. */
  public static final class Builder extends ApiClientBuilder<Builder> {
    private Secret apiKey;

    private Builder() {
      super(URI.create(DEFAULT_BASE_URL), SireneClient::transportPreset);
    }

    /**
     * Sets the integration key of the portail-api.insee.fr subscription. Required.
     *
     * @param apiKey the key
     * @return this builder
     */
    public Builder apiKey(Secret apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return a new client, to be closed
     * @throws InvalidInputException if no key was set
     */
    public SireneClient build() {
      if (apiKey == null) {
        throw new InvalidInputException(
            "apiKey is required: the Sirene API needs an integration key, call apiKey(...)");
      }
      return new SireneClient(
          baseUrl(),
          new ApiCaller(
              "INSEE Sirene",
              transport(),
              !sharesTransport(),
              cache().orElse(null),
              cacheTtl(),
              clock()),
          apiKey);
    }
  }
}
