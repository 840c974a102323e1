package fr.socle.onceonly;

import fr.socle.core.Secret;
import fr.socle.core.http.HttpTransport;
import fr.socle.onceonly.internal.Caller;
import fr.socle.onceonly.internal.EntrepriseParsers;
import fr.socle.onceonly.internal.Fingerprints;
import fr.socle.onceonly.internal.Identifiers;
import fr.socle.onceonly.internal.Limit;
import fr.socle.onceonly.internal.Route;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Client of API Entreprise v3/v4 (DINUM): what the administration knows about a company or an
 * association, so that a tender or a grant file never asks for a paper it could fetch.
 *
 * <ul>
 *   <li>Sirene: {@link #uniteLegale(String, Traceability)}, {@link #etablissement(String,
 *       Traceability)} ({@link NonDiffusibleException} for units INSEE may never publish, HTTP
 *       451);
 *   <li>public procurement: {@link #attestationVigilance(String, Traceability)} (URSSAF), {@link
 *       #attestationFiscale(String, Traceability)} (DGFiP, 5 calls a minute per token), {@link
 *       #extraitRcs(String, Traceability)} (Infogreffe), {@link #extraitRne(String, Traceability)}
 *       (INPI, 15 a minute);
 *   <li>grants: {@link #association(String, Traceability)} (RNA or SIREN).
 * </ul>
 *
 * <p>Every call carries its {@link Traceability} ({@code recipient}, {@code context}, {@code
 * object}), checked before the call: the recipient must be a valid SIRET and must not belong to the
 * company looked up.
 *
 * <pre>{@code
 * try (ApiEntrepriseClient entreprise = ApiEntrepriseClient.builder()
 *     .token(Secret.of(System.getenv("API_ENTREPRISE_TOKEN")))
 *     .rateLimiter(limiter)
 *     .build()) {
 *   Traceability why = new Traceability("21350238800019", "Marché 2026-014", "Candidature lot 2");
 *   Optional<AttestationVigilance> urssaf = entreprise.attestationVigilance("418166096", why);
 * }
 * }</pre>
 *
 * <p>Results are empty when the API knows no such entity (404). Errors are those of {@link
 * ApiParticulierClient}, plus {@link NonDiffusibleException}. Immutable and thread-safe; close it
 * to release an owned transport. The token never appears in logs, messages or {@code toString()}.
 */
public final class ApiEntrepriseClient implements AutoCloseable {
  private static final Duration JSON_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration DOCUMENT_TIMEOUT = Duration.ofSeconds(12);
  private static final String API = "entreprise";

  private final Secret token;
  private final String fingerprint;
  private final Caller caller;

  private ApiEntrepriseClient(Builder b) {
    this.token = b.token;
    this.fingerprint = Fingerprints.of(b.token);
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
   * Returns a legal unit from Sirene.
   *
   * @param siren the SIREN
   * @param why the traceability parameters
   * @return the unit, empty if unknown
   * @throws NonDiffusibleException if INSEE may not publish it
   */
  public Optional<UniteLegale> uniteLegale(String siren, Traceability why) {
    siren(siren, why);
    return get(
            "/v4/insee/sirene/unites_legales/{siren}",
            "/v4/insee/sirene/unites_legales/" + siren,
            siren,
            why,
            Limit.ENTREPRISE_JSON,
            JSON_TIMEOUT)
        .map(EntrepriseParsers::uniteLegale);
  }

  /**
   * Returns an establishment from Sirene.
   *
   * @param siret the SIRET
   * @param why the traceability parameters
   * @return the establishment, empty if unknown
   * @throws NonDiffusibleException if INSEE may not publish it
   */
  public Optional<Etablissement> etablissement(String siret, Traceability why) {
    Objects.requireNonNull(siret, "siret");
    Objects.requireNonNull(why, "why");
    if (!Identifiers.isSiret(siret)) {
      throw new InvalidQueryException("siret must be a valid SIRET (14 digits, check digit)");
    }
    notSelf(siret.substring(0, 9), why);
    return get(
            "/v4/insee/sirene/etablissements/{siret}",
            "/v4/insee/sirene/etablissements/" + siret,
            siret,
            why,
            Limit.ENTREPRISE_JSON,
            JSON_TIMEOUT)
        .map(EntrepriseParsers::etablissement);
  }

  /**
   * Returns a company's URSSAF attestation de vigilance.
   *
   * @param siren the SIREN
   * @param why the traceability parameters
   * @return the attestation (delivered or refused), empty if URSSAF does not know the company
   */
  public Optional<AttestationVigilance> attestationVigilance(String siren, Traceability why) {
    siren(siren, why);
    return get(
            "/v4/urssaf/unites_legales/{siren}/attestation_vigilance",
            "/v4/urssaf/unites_legales/" + siren + "/attestation_vigilance",
            siren,
            why,
            Limit.ENTREPRISE_DOCUMENTS,
            DOCUMENT_TIMEOUT)
        .map(data -> EntrepriseParsers.attestationVigilance(siren, data));
  }

  /**
   * Returns a company's DGFiP attestation fiscale. Limited to 5 calls a minute per token.
   *
   * @param siren the SIREN
   * @param why the traceability parameters
   * @return the attestation, empty if the DGFiP cannot deliver one for the company
   */
  public Optional<AttestationFiscale> attestationFiscale(String siren, Traceability why) {
    siren(siren, why);
    return get(
            "/v4/dgfip/unites_legales/{siren}/attestation_fiscale",
            "/v4/dgfip/unites_legales/" + siren + "/attestation_fiscale",
            siren,
            why,
            Limit.ENTREPRISE_DGFIP_ATTESTATION,
            DOCUMENT_TIMEOUT)
        .map(data -> EntrepriseParsers.attestationFiscale(siren, data));
  }

  /**
   * Returns the main data of a company's RCS extract (Kbis).
   *
   * @param siren the SIREN
   * @param why the traceability parameters
   * @return the extract, empty if the company is not registered at the RCS
   */
  public Optional<ExtraitRcs> extraitRcs(String siren, Traceability why) {
    siren(siren, why);
    return get(
            "/v3/infogreffe/rcs/unites_legales/{siren}/extrait_kbis",
            "/v3/infogreffe/rcs/unites_legales/" + siren + "/extrait_kbis",
            siren,
            why,
            Limit.ENTREPRISE_JSON,
            DOCUMENT_TIMEOUT)
        .map(EntrepriseParsers::extraitRcs);
  }

  /**
   * Returns the main data of a company's RNE extract (INPI). Limited to 15 calls a minute per
   * token.
   *
   * @param siren the SIREN
   * @param why the traceability parameters
   * @return the extract, empty if the company is not in the RNE
   */
  public Optional<ExtraitRne> extraitRne(String siren, Traceability why) {
    siren(siren, why);
    return get(
            "/v3/inpi/rne/unites_legales/{siren}/extrait_rne",
            "/v3/inpi/rne/unites_legales/" + siren + "/extrait_rne",
            siren,
            why,
            Limit.ENTREPRISE_RNE,
            DOCUMENT_TIMEOUT)
        .map(data -> EntrepriseParsers.extraitRne(siren, data));
  }

  /**
   * Returns an association, by RNA number or SIREN.
   *
   * @param sirenOrRna a SIREN or an RNA number ({@code W} then nine characters)
   * @param why the traceability parameters
   * @return the association, empty if unknown
   */
  public Optional<Association> association(String sirenOrRna, Traceability why) {
    Objects.requireNonNull(sirenOrRna, "sirenOrRna");
    Objects.requireNonNull(why, "why");
    if (Identifiers.isSiren(sirenOrRna)) {
      notSelf(sirenOrRna, why);
    } else if (!Identifiers.isRna(sirenOrRna)) {
      throw new InvalidQueryException("an association is looked up by SIREN or RNA number");
    }
    return get(
            "/v4/djepva/api-association/associations/{siren_or_rna}",
            "/v4/djepva/api-association/associations/" + sirenOrRna,
            sirenOrRna,
            why,
            Limit.ENTREPRISE_JSON,
            JSON_TIMEOUT)
        .map(EntrepriseParsers::association);
  }

  private static void siren(String siren, Traceability why) {
    Objects.requireNonNull(siren, "siren");
    Objects.requireNonNull(why, "why");
    if (!Identifiers.isSiren(siren)) {
      throw new InvalidQueryException("siren must be a valid SIREN (9 digits, check digit)");
    }
    notSelf(siren, why);
  }

  /** API rule (422): the recipient must not be the entity looked up. */
  private static void notSelf(String siren, Traceability why) {
    if (why.recipient().startsWith(siren)) {
      throw new InvalidQueryException(
          "recipient must be the public body receiving the data, not the company looked up");
    }
  }

  private Optional<Map<String, Object>> get(
      String template,
      String path,
      String subject,
      Traceability why,
      Limit group,
      Duration timeout) {
    List<Map.Entry<String, String>> q =
        List.of(
            Map.entry("recipient", why.recipient()),
            Map.entry("context", why.context()),
            Map.entry("object", why.object()));
    return caller.get(
        new Route(
            template,
            path,
            q,
            token,
            group,
            timeout,
            why.recipient(),
            Optional.of(why.context()),
            Optional.of(why.object()),
            Optional.of(subject),
            Optional.of(fingerprint)));
  }

  /** Closes the transport if the client built it; a shared transport stays open. */
  @Override
  public void close() {
    caller.close();
  }

  @Override
  public String toString() {
    return "ApiEntrepriseClient[token=" + token + "]";
  }

  /** Configures an {@link ApiEntrepriseClient}. Not thread-safe. */
  public static final class Builder extends OnceOnlyClientBuilder<Builder> {
    private Secret token;

    private Builder() {
      super(Environment.PRODUCTION.entrepriseBaseUrl());
    }

    @Override
    String baseUrlOf(Environment environment) {
      return environment.entrepriseBaseUrl();
    }

    /**
     * Sets the API Entreprise token (a JWT valid 18 months, obtained through the habilitation on
     * datapass.api.gouv.fr). Required.
     *
     * @param token the token
     * @return this builder
     */
    public Builder token(Secret token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return a new client, to be closed
     * @throws NullPointerException if no token was set
     */
    public ApiEntrepriseClient build() {
      Objects.requireNonNull(token, "token");
      return new ApiEntrepriseClient(this);
    }
  }
}
