package fr.socle.onceonly;

import fr.socle.core.Secret;
import fr.socle.core.SocleClientException;
import fr.socle.core.http.HttpTransport;
import fr.socle.onceonly.internal.Caller;
import fr.socle.onceonly.internal.Fingerprints;
import fr.socle.onceonly.internal.Identifiers;
import fr.socle.onceonly.internal.Limit;
import fr.socle.onceonly.internal.ParticulierParsers;
import fr.socle.onceonly.internal.Route;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Client of API Particulier v3 (DINUM): what CNAF, MSA, the Éducation nationale and the student
 * services know about a person, so that a commune never asks for a paper it could fetch.
 *
 * <ul>
 *   <li>{@link #quotientFamilial(Usager, YearMonth) quotientFamilial}: canteen, crèche, leisure
 *       centre pricing;
 *   <li>{@link #participationFamilialeEaje(Usager)}: crèche participation parameters;
 *   <li>{@link #prestation(Prestation, Usager)}: RSA, prime d'activité, AAH, AEEH, ASF,
 *       complémentaire santé solidaire, for a CCAS;
 *   <li>{@link #scolarite(ScolariteQuery)}, {@link #statutEtudiant(Usager)}, {@link
 *       #etudiantBoursier(Usager)}: school and student aids.
 * </ul>
 *
 * <p>Each call is either {@linkplain Usager#parFranceConnect(Secret) FranceConnect-mode} (the
 * user's access token; nothing to type) or {@linkplain Usager#parIdentite(Identite) by identity}
 * (the vendor's token; the identity must match the fund's records, phonetic tolerance included).
 * Every call carries the {@code recipient}: the SIRET of the collectivité receiving the data.
 *
 * <pre>{@code
 * try (ApiParticulierClient particulier = ApiParticulierClient.builder()
 *     .token(Secret.of(System.getenv("API_PARTICULIER_TOKEN")))
 *     .recipient("21350238800019")                    // the commune's SIRET
 *     .rateLimiter(limiter)                           // shared by every client of the JVM
 *     .auditListener(audit)
 *     .build()) {
 *   Optional<QuotientFamilial> qf =
 *       particulier.quotientFamilial(Usager.parFranceConnect(Secret.of(fcAccessToken)));
 * }
 * }</pre>
 *
 * <p>Results: an empty {@code Optional} when the fund has no file for the person (404: no match, or
 * a phonetic near-miss without enough birth data to compensate). Errors: {@link
 * InvalidQueryException} before any call for a query the API would reject; {@link
 * AccessDeniedException} (401/403), {@link ProviderUnavailableException} (502/503/504), {@link
 * fr.socle.core.RateLimitedException} (the API's 429), {@link
 * fr.socle.core.ClientRateLimitedException} (no local slot in time: the API was not called), {@link
 * OnceOnlyServiceException} otherwise; {@link fr.socle.core.SocleTimeoutException} past the
 * deadline. Identical calls in flight with the same token are sent once and share the answer (the
 * API answers 409 to a parallel duplicate).
 *
 * <p>Personal data: the identity, the answers and the tokens never reach logs, exception messages
 * or {@code toString()}. Immutable and thread-safe; close it to release an owned transport.
 */
public final class ApiParticulierClient implements AutoCloseable {
  /** The longest history of quotient familial the API keeps: 24 months. */
  public static final int MAX_HISTORY_MONTHS = 24;

  private static final Duration JSON_TIMEOUT = Duration.ofSeconds(5);
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final String API = "particulier";

  private final Secret token;
  private final String tokenFingerprint;
  private final String recipient;
  private final Caller caller;
  private final java.time.Clock clock;

  private ApiParticulierClient(Builder b) {
    this.token = b.token;
    this.tokenFingerprint = b.token == null ? null : Fingerprints.of(b.token);
    this.recipient = b.recipient;
    this.clock = b.clock();
    this.caller =
        new Caller(
            API,
            b.baseUrl(),
            b.transport(),
            b.ownsTransport(),
            b.rateLimiter().pacer(),
            Audits.to(API, b.auditListener()),
            b.clock(),
            b.callTimeout());
  }

  /**
   * Starts a builder for production.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the settings the client's own transport starts from, and a shared transport should be
   * built from: {@link fr.socle.core.http.HttpPreset#ONCE_ONLY}, a 2 MiB answer cap, no
   * transport-level retries (a retry must go through the rate limiter).
   *
   * @return a new transport builder
   */
  public static HttpTransport.Builder transportPreset() {
    return OnceOnlyClientBuilder.preset();
  }

  /**
   * Returns the recipient every call carries.
   *
   * @return the collectivité's SIRET
   */
  public String recipient() {
    return recipient;
  }

  /**
   * Returns the household's quotient familial for the current month.
   *
   * @param usager whom to look up
   * @return the quotient, empty if no CAF or MSA file matches
   */
  public Optional<QuotientFamilial> quotientFamilial(Usager usager) {
    return quotientFamilial(usager, null);
  }

  /**
   * Returns the household's quotient familial for a month (history of {@value #MAX_HISTORY_MONTHS}
   * months at most; a future month is refused, as the API does).
   *
   * @param usager whom to look up
   * @param month the month the quotient applies to, or {@code null} for the current month
   * @return the quotient, empty if no CAF or MSA file matches
   */
  public Optional<QuotientFamilial> quotientFamilial(Usager usager, YearMonth month) {
    Objects.requireNonNull(usager, "usager");
    List<Map.Entry<String, String>> extra = new ArrayList<>();
    if (month != null) {
      YearMonth now = YearMonth.now(clock.withZone(PARIS));
      if (month.isAfter(now)) {
        throw new InvalidQueryException("the quotient familial of a future month does not exist");
      }
      if (month.isBefore(now.minusMonths(MAX_HISTORY_MONTHS))) {
        throw new InvalidQueryException(
            "API Particulier keeps " + MAX_HISTORY_MONTHS + " months of quotient familial");
      }
      extra.add(Map.entry("annee", Integer.toString(month.getYear())));
      extra.add(Map.entry("mois", Integer.toString(month.getMonthValue())));
    }
    return call("/v3/dss/quotient_familial", usager, extra, ParticulierParsers::quotientFamilial);
  }

  /**
   * Returns the parameters of a crèche's family participation (resources, children in charge).
   *
   * @param usager whom to look up
   * @return the parameters, empty if no CAF file matches
   */
  public Optional<ParticipationFamilialeEaje> participationFamilialeEaje(Usager usager) {
    Objects.requireNonNull(usager, "usager");
    return call(
        "/v3/dss/participation_familiale_eaje", usager, List.of(), ParticulierParsers::eaje);
  }

  /**
   * Tells whether a person receives a social benefit now.
   *
   * @param prestation the benefit
   * @param usager whom to look up
   * @return the status, empty if the fund has no file for the person
   */
  public Optional<DroitPrestation> prestation(Prestation prestation, Usager usager) {
    Objects.requireNonNull(prestation, "prestation");
    Objects.requireNonNull(usager, "usager");
    return call(
        "/v3/dss/" + prestation.route(),
        usager,
        List.of(),
        data -> ParticulierParsers.prestation(prestation, data));
  }

  /**
   * Returns a pupil's schooling status for a school year (v5).
   *
   * @param query the pupil and the year
   * @return the status, empty if the pupil is unknown
   */
  public Optional<Scolarite> scolarite(ScolariteQuery query) {
    Objects.requireNonNull(query, "query");
    List<Map.Entry<String, String>> q = new ArrayList<>();
    q.add(Map.entry("recipient", recipient));
    q.add(Map.entry("nomNaissance", query.nomNaissance()));
    query.prenoms().forEach(p -> q.add(Map.entry("prenoms[]", p)));
    q.add(Map.entry("sexeEtatCivil", query.sexe().name()));
    q.add(Map.entry("anneeDateNaissance", Integer.toString(query.dateNaissance().getYear())));
    q.add(Map.entry("moisDateNaissance", Integer.toString(query.dateNaissance().getMonthValue())));
    q.add(Map.entry("jourDateNaissance", Integer.toString(query.dateNaissance().getDayOfMonth())));
    q.add(Map.entry("anneeScolaire", query.anneeScolaire()));
    query.codeEtablissement().ifPresent(c -> q.add(Map.entry("codeEtablissement", c)));
    String path = "/v5/men/scolarites/identite";
    return caller.get(route(path, path, q, vendorToken())).map(ParticulierParsers::scolarite);
  }

  /**
   * Returns a student's enrolments in higher education.
   *
   * @param usager whom to look up
   * @return the status, empty if the student is unknown
   */
  public Optional<StatutEtudiant> statutEtudiant(Usager usager) {
    Objects.requireNonNull(usager, "usager");
    return call("/v3/mesri/statut_etudiant", usager, List.of(), ParticulierParsers::statutEtudiant);
  }

  /**
   * Returns a student's enrolments, by national student number.
   *
   * @param ine the INE, 11 letters or digits
   * @return the status, empty if the student is unknown
   */
  public Optional<StatutEtudiant> statutEtudiantParIne(String ine) {
    return byIne("/v3/mesri/statut_etudiant/ine", ine).map(ParticulierParsers::statutEtudiant);
  }

  /**
   * Returns a student's CROUS grant status (v4).
   *
   * @param usager whom to look up
   * @return the status, empty if the student is unknown
   */
  public Optional<EtudiantBoursier> etudiantBoursier(Usager usager) {
    Objects.requireNonNull(usager, "usager");
    return call(
        "/v4/cnous/etudiant_boursier", usager, List.of(), ParticulierParsers::etudiantBoursier);
  }

  /**
   * Returns a student's CROUS grant status, by national student number (v4).
   *
   * @param ine the INE, 11 letters or digits
   * @return the status, empty if the student is unknown
   */
  public Optional<EtudiantBoursier> etudiantBoursierParIne(String ine) {
    return byIne("/v4/cnous/etudiant_boursier/ine", ine).map(ParticulierParsers::etudiantBoursier);
  }

  private Optional<Map<String, Object>> byIne(String path, String ine) {
    Objects.requireNonNull(ine, "ine");
    if (!Identifiers.isIne(ine)) {
      throw new InvalidQueryException("ine must have 11 letters or digits");
    }
    List<Map.Entry<String, String>> q =
        List.of(Map.entry("recipient", recipient), Map.entry("ine", ine));
    return caller.get(route(path, path, q, vendorToken()));
  }

  private <T> Optional<T> call(
      String prefix,
      Usager usager,
      List<Map.Entry<String, String>> extra,
      Function<Map<String, Object>, T> parser) {
    List<Map.Entry<String, String>> q = new ArrayList<>();
    q.add(Map.entry("recipient", recipient));
    Route route;
    if (usager instanceof Usager.ParFranceConnect fc) {
      q.addAll(extra);
      String path = prefix + "/france_connect";
      route = route(path, path, q, fc.accessToken());
    } else {
      Identite id = ((Usager.ParIdentite) usager).identite();
      identityQuery(id, q);
      q.addAll(extra);
      String path = prefix + "/identite";
      route = route(path, path, q, vendorToken());
    }
    return caller.get(route).map(parser);
  }

  private static void identityQuery(Identite id, List<Map.Entry<String, String>> q) {
    q.add(Map.entry("nomNaissance", id.nomNaissance()));
    id.nomUsage().ifPresent(n -> q.add(Map.entry("nomUsage", n)));
    id.prenoms().forEach(p -> q.add(Map.entry("prenoms[]", p)));
    id.anneeNaissance().ifPresent(y -> q.add(Map.entry("anneeDateNaissance", "" + y)));
    id.moisNaissance().ifPresent(m -> q.add(Map.entry("moisDateNaissance", "" + m)));
    id.jourNaissance().ifPresent(d -> q.add(Map.entry("jourDateNaissance", "" + d)));
    q.add(Map.entry("sexeEtatCivil", id.sexe().name()));
    q.add(Map.entry("codeCogInseePaysNaissance", id.codePaysNaissance()));
    id.codeCommuneNaissance().ifPresent(c -> q.add(Map.entry("codeCogInseeCommuneNaissance", c)));
    id.nomCommuneNaissance().ifPresent(n -> q.add(Map.entry("nomCommuneNaissance", n)));
    id.codeDepartementNaissance()
        .ifPresent(d -> q.add(Map.entry("codeCogInseeDepartementNaissance", d)));
  }

  private Route route(
      String template, String path, List<Map.Entry<String, String>> q, Secret bearer) {
    Optional<String> fp = bearer == token ? Optional.of(tokenFingerprint) : Optional.empty();
    return new Route(
        template,
        path,
        q,
        bearer,
        Limit.PARTICULIER_JSON,
        JSON_TIMEOUT,
        recipient,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        fp);
  }

  private Secret vendorToken() {
    if (token == null) {
      throw new SocleClientException(
          "calls by identity or INE need the API Particulier token: builder().token(...)");
    }
    return token;
  }

  /** Closes the transport if the client built it; a shared transport stays open. */
  @Override
  public void close() {
    caller.close();
  }

  @Override
  public String toString() {
    return "ApiParticulierClient[recipient=" + recipient + ", token=" + token + "]";
  }

  /** Configures an {@link ApiParticulierClient}. Not thread-safe. */
  public static final class Builder extends OnceOnlyClientBuilder<Builder> {
    private Secret token;
    private String recipient;

    private Builder() {
      super(Environment.PRODUCTION.particulierBaseUrl());
    }

    @Override
    String baseUrlOf(Environment environment) {
      return environment.particulierBaseUrl();
    }

    /**
     * Sets the API Particulier token (a JWT valid 18 months, obtained through the habilitation on
     * datapass.api.gouv.fr). Needed for calls by identity or INE; FranceConnect-mode calls use the
     * user's access token instead.
     *
     * @param token the token
     * @return this builder
     */
    public Builder token(Secret token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /**
     * Sets the recipient: the SIRET of the collectivité that receives the data. Required.
     *
     * @param siret 14 digits with a valid check digit
     * @return this builder
     */
    public Builder recipient(String siret) {
      Objects.requireNonNull(siret, "siret");
      if (!Identifiers.isSiret(siret)) {
        throw new InvalidQueryException("recipient must be a valid SIRET (14 digits, check digit)");
      }
      this.recipient = siret;
      return this;
    }

    /**
     * Builds the client.
     *
     * @return a new client, to be closed
     * @throws NullPointerException if no recipient was set
     */
    public ApiParticulierClient build() {
      Objects.requireNonNull(recipient, "recipient");
      return new ApiParticulierClient(this);
    }
  }
}
