package fr.socle.refdata;

import fr.socle.core.InvalidInputException;
import fr.socle.refdata.internal.CogData;
import fr.socle.refdata.internal.CogHistoryResource;
import fr.socle.refdata.internal.CogResource;
import fr.socle.refdata.internal.NameFolding;
import fr.socle.refdata.internal.SearchIndex;
import java.time.Year;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * French territories of one COG millésime, offline: communes (current, délégués, associés,
 * municipal arrondissements), arrondissements départementaux, départements, régions, EPCI, the EPT
 * of the Métropole du Grand Paris and postal codes; and, through {@link #communeIn(String, Year)},
 * the communes of the COG of earlier years.
 *
 * <p>{@link #embedded()} holds COG 2026, built from {@code @etalab/decoupage-administratif} 6.0.0
 * (INSEE COG, DGCL EPCI list, INSEE legal populations, La Poste postal codes; Licence Ouverte). It
 * is loaded once, on first use, in a few hundred milliseconds, and then answers from memory: a
 * lookup by code costs tens of nanoseconds, a search a few microseconds.
 *
 * <pre>{@code
 * Territories territories = Territories.embedded();
 * Commune c = territories.commune("93059").orElseThrow(); // Saint-Denis 93066 since the merger
 * List<Commune> atCp = territories.communesByPostalCode("93380");
 * List<Commune> hits = territories.search("st denis", 10);
 * }</pre>
 *
 * <p>Immutable and thread-safe. Methods never return null; unknown codes give an empty {@link
 * Optional} or list. Input codes are trimmed and upper-cased ({@code 2a004} finds {@code 2A004}).
 */
public final class Territories {
  private final Millesime millesime;
  private final List<Region> regions;
  private final List<Departement> departements;
  private final List<Epci> epcis;
  private final List<Epci> epts;
  private final List<Arrondissement> arrondissements;
  private final Map<String, Arrondissement> arrondissementByCode;
  private final Map<String, Epci> eptBySiren;
  private final Map<String, Epci> eptOfCommune;
  private volatile CommuneHistory history; // loaded on the first historical lookup
  private final List<Commune> currentCommunes;
  private final Map<String, Commune> byCode; // current communes and arrondissements
  private final Map<CommuneType, Map<String, Commune>> byTypeAndCode; // délégués and associés
  private final Map<String, Commune> byFormerCode;
  private final Map<CommuneType, List<Commune>> byType;
  private final Map<String, List<Commune>> byPostalCode;
  private final Map<String, Region> regionByCode;
  private final Map<String, Departement> departementByCode;
  private final Map<String, Epci> epciBySiren;
  // Its index is built on a background thread at load, so that lookups by code are ready first; a
  // search waits for it (about 100 ms after load).
  private final SearchBox searchBox;

  private Territories(CogData data) {
    this.millesime = data.millesime();
    this.regions = List.copyOf(data.regions());
    this.departements = List.copyOf(data.departements());
    this.epcis = List.copyOf(data.epcis());
    this.epts = List.copyOf(data.epts());
    this.arrondissements = List.copyOf(data.arrondissements());
    List<Commune> all = data.communes();
    Commune[] searchable = all.toArray(new Commune[0]);
    CommuneIndexes indexes = CommuneIndexes.of(all);
    this.byCode = indexes.byCode();
    this.byTypeAndCode = indexes.byTypeAndCode();
    this.byFormerCode = indexes.byFormerCode();
    this.byPostalCode = indexes.byPostalCode();
    this.byType = indexes.byType();
    this.currentCommunes = byType.get(CommuneType.ACTUELLE);
    this.regionByCode = new HashMap<>();
    for (Region r : regions) {
      regionByCode.put(r.code(), r);
    }
    this.departementByCode = new HashMap<>();
    for (Departement d : departements) {
      departementByCode.put(d.code(), d);
    }
    this.epciBySiren = new HashMap<>(epcis.size() * 2);
    for (Epci e : epcis) {
      epciBySiren.put(e.siren(), e);
    }
    this.arrondissementByCode = new HashMap<>(arrondissements.size() * 2);
    for (Arrondissement a : arrondissements) {
      arrondissementByCode.put(a.code(), a);
    }
    this.eptBySiren = new HashMap<>();
    this.eptOfCommune = new HashMap<>(256);
    for (Epci e : epts) {
      eptBySiren.put(e.siren(), e);
      for (String member : e.memberCodes()) {
        eptOfCommune.put(member, e);
      }
    }
    this.searchBox = new SearchBox(searchable, byCode, byFormerCode, byTypeAndCode, byPostalCode);
  }

  /**
   * Returns the territories of COG 2026 shipped in this jar, loading them on first call.
   *
   * @return the shared instance
   * @throws fr.socle.core.SocleClientException if the embedded resource is missing or corrupt
   */
  public static Territories embedded() {
    return Embedded.INSTANCE;
  }

  // Initialization-on-demand holder: loaded once, lazily, thread-safe without locking afterwards.
  private static final class Embedded {
    static final Territories INSTANCE = new Territories(CogResource.loadEmbedded());
  }

  /**
   * Returns the COG vintage of every record of this instance.
   *
   * @return the millésime
   */
  public Millesime millesime() {
    return millesime;
  }

  /**
   * Finds the current commune (or municipal arrondissement) for an INSEE code, resolving the code
   * of a former commune (merged into a commune nouvelle, or a délégué or associé) to the current
   * commune that absorbed it. Compare {@link Commune#code()} with the input to know whether the
   * code was resolved.
   *
   * @param code an INSEE code, for example {@code 93059} (resolved to Saint-Denis 93066)
   * @return the current commune or arrondissement, if the code is known
   */
  public Optional<Commune> commune(String code) {
    Objects.requireNonNull(code, "code");
    Commune c = byCode.get(code);
    if (c != null) {
      return Optional.of(c);
    }
    String normal = normalise(code);
    c = byCode.get(normal);
    return Optional.ofNullable(c != null ? c : byFormerCode.get(normal));
  }

  /**
   * Finds the entry of one kind with exactly this code, without resolving former codes. Needed
   * because a commune déléguée often shares the code of its commune nouvelle.
   *
   * @param code an INSEE code
   * @param type the kind of entry
   * @return the entry, if it exists in this millésime
   */
  public Optional<Commune> commune(String code, CommuneType type) {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(type, "type");
    String normal = normalise(code);
    if (type == CommuneType.ACTUELLE || type == CommuneType.ARRONDISSEMENT_MUNICIPAL) {
      Commune c = byCode.get(normal); // codes of these two kinds never collide
      return c != null && c.type() == type ? Optional.of(c) : Optional.empty();
    }
    return Optional.ofNullable(byTypeAndCode.get(type).get(normal));
  }

  /**
   * Tells whether an INSEE code is the code of a current commune or arrondissement of this
   * millésime (former codes do not count).
   *
   * @param code an INSEE code
   * @return true if it is current
   */
  public boolean isCurrentCode(String code) {
    return byCode.containsKey(normalise(code));
  }

  /**
   * Returns the current communes and municipal arrondissements a postal code serves. Paris,
   * Marseille and Lyon appear together with their arrondissements.
   *
   * @param postalCode five digits, for example {@code 93380}
   * @return the communes, possibly empty
   */
  public List<Commune> communesByPostalCode(String postalCode) {
    Objects.requireNonNull(postalCode, "postalCode");
    List<Commune> hits = byPostalCode.get(postalCode);
    if (hits == null) {
      hits = byPostalCode.get(postalCode.strip());
    }
    return hits == null ? List.of() : hits;
  }

  /**
   * Returns every current commune: the communes of the COG in INSEE code order up to Mayotte (976),
   * then the 94 entries of the overseas collectivities ({@link Zone#COM}: 975, 977, 978, 984,
   * 986–989), as the dataset lists them.
   *
   * @return the communes
   */
  public List<Commune> communes() {
    return currentCommunes;
  }

  /**
   * Returns every entry of one kind (for example every commune déléguée), in INSEE code order.
   *
   * @param type the kind
   * @return the entries
   */
  public List<Commune> communes(CommuneType type) {
    Objects.requireNonNull(type, "type");
    return byType.get(type);
  }

  /**
   * Finds a département.
   *
   * @param code for example {@code 2A} or {@code 971}
   * @return the département, if known
   */
  public Optional<Departement> departement(String code) {
    Objects.requireNonNull(code, "code");
    return Optional.ofNullable(departementByCode.get(normalise(code)));
  }

  /**
   * Returns every département, COM included.
   *
   * @return the départements
   */
  public List<Departement> departements() {
    return departements;
  }

  /**
   * Finds a région.
   *
   * @param code for example {@code 11}
   * @return the région, if known
   */
  public Optional<Region> region(String code) {
    Objects.requireNonNull(code, "code");
    return Optional.ofNullable(regionByCode.get(normalise(code)));
  }

  /**
   * Returns every région, COM included.
   *
   * @return the régions
   */
  public List<Region> regions() {
    return regions;
  }

  /**
   * Finds an EPCI by SIREN.
   *
   * @param siren nine digits, spaces allowed
   * @return the EPCI, if known
   */
  public Optional<Epci> epci(String siren) {
    Objects.requireNonNull(siren, "siren");
    return Optional.ofNullable(epciBySiren.get(siren.replace(" ", "")));
  }

  /**
   * Returns every EPCI.
   *
   * @return the EPCI
   */
  public List<Epci> epcis() {
    return epcis;
  }

  /**
   * Returns the EPCI a commune belongs to.
   *
   * @param commune a current commune
   * @return the EPCI; empty for a few island communes and for non-current entries
   */
  public Optional<Epci> epciOf(Commune commune) {
    return commune.epciCode().map(epciBySiren::get);
  }

  /**
   * Returns the member communes of an EPCI.
   *
   * @param epci an EPCI of this millésime
   * @return the communes, in the order of the DGCL list
   */
  public List<Commune> members(Epci epci) {
    List<Commune> out = new ArrayList<>(epci.memberCodes().size());
    for (String code : epci.memberCodes()) {
      Commune c = byCode.get(code);
      if (c != null) {
        out.add(c);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Finds an arrondissement départemental.
   *
   * @param code for example {@code 931} (Bobigny) or {@code 2A1}
   * @return the arrondissement, if known
   */
  public Optional<Arrondissement> arrondissement(String code) {
    Objects.requireNonNull(code, "code");
    return Optional.ofNullable(arrondissementByCode.get(normalise(code)));
  }

  /**
   * Returns every arrondissement départemental (333 in COG 2026; Mayotte and the overseas
   * collectivities have none).
   *
   * @return the arrondissements
   */
  public List<Arrondissement> arrondissements() {
    return arrondissements;
  }

  /**
   * Returns the arrondissement départemental an entry lies in.
   *
   * @param commune a commune, délégué, associé or municipal arrondissement
   * @return the arrondissement; empty in Mayotte and the overseas collectivities
   */
  public Optional<Arrondissement> arrondissementOf(Commune commune) {
    return commune.arrondissementCode().map(arrondissementByCode::get);
  }

  /**
   * Returns the établissements publics territoriaux (EPT) of the Métropole du Grand Paris: 11
   * groupings of the communes of the petite couronne, Paris being its own territory. They are
   * {@link Epci} records of type {@code EPT} (no fiscalité propre: {@link Epci#financing()} is
   * empty); {@link #members(Epci)} lists their communes.
   *
   * @return the EPT
   */
  public List<Epci> epts() {
    return epts;
  }

  /**
   * Finds an établissement public territorial by SIREN.
   *
   * @param siren nine digits, spaces allowed
   * @return the EPT, if known
   */
  public Optional<Epci> ept(String siren) {
    Objects.requireNonNull(siren, "siren");
    return Optional.ofNullable(eptBySiren.get(siren.replace(" ", "")));
  }

  /**
   * Returns the établissement public territorial a commune of the Métropole du Grand Paris belongs
   * to.
   *
   * @param commune a current commune
   * @return the EPT; empty outside the Métropole du Grand Paris and for Paris itself
   */
  public Optional<Epci> eptOf(Commune commune) {
    return commune.isCurrent()
        ? Optional.ofNullable(eptOfCommune.get(commune.code()))
        : Optional.empty();
  }

  /**
   * Finds a commune as the COG of an earlier year had it, and the current commune it belongs to
   * now. Made for birth communes, which people type as they were when they were born (API
   * Particulier asks for the birth commune's COG code, and merged communes are the usual cause of
   * failed lookups):
   *
   * <pre>{@code
   * List<CommuneInYear> hits = territories.communeIn("Pierrefitte-sur-Seine", Year.of(1990));
   * hits.get(0).code();            // "93059", the code of that time
   * hits.get(0).current().code();  // "93066", Saint-Denis since the 2025 merger
   * }</pre>
   *
   * <p>Covered millésimes: {@link #historyMillesimes()} (COG 2019 and 2021 to 2026; no version of
   * the source package holds COG 2020). For 2020 the 2019 state is used, then the 2021 one if the
   * 2019 state has no match; for a year after the embedded millésime, the embedded one; for a year
   * before 2019, the 2019 state, then the codes known only as former codes of a later commune
   * (names from the 1943–2019 COG history), whose {@link CommuneInYear#millesime()} is empty.
   *
   * <p>The text is a code when it has the shape of one (5 characters, digits or 2A/2B), else a name
   * compared whole, ignoring accents, case and separators, "St" being "Saint". Several entries can
   * match (a name common to several communes, a commune and its chef-lieu délégué sharing a code):
   * communes come before délégués and associés.
   *
   * <p>The history is loaded on the first call (a few tens of milliseconds), not with {@link
   * #embedded()}.
   *
   * @param codeOrName an INSEE code or a commune name
   * @param year the year of interest, for example a birth year
   * @return the matching entries of that year, possibly empty
   * @throws fr.socle.core.InvalidInputException if the text is longer than 200 characters
   * @throws fr.socle.core.SocleClientException if the history resource is missing or corrupt
   */
  public List<CommuneInYear> communeIn(String codeOrName, Year year) {
    Objects.requireNonNull(codeOrName, "codeOrName");
    Objects.requireNonNull(year, "year");
    if (codeOrName.length() > CommuneSearch.MAX_TEXT_LENGTH) {
      throw new InvalidInputException(
          "codeOrName must have at most " + CommuneSearch.MAX_TEXT_LENGTH + " characters");
    }
    String folded = NameFolding.fold(codeOrName);
    String code = folded.toUpperCase(Locale.ROOT); // "93 059", "2a004" and full-width digits too
    boolean isCode = code.matches("(?:\\d\\d|2[AB])\\d{3}");
    String key = isCode ? code : folded;
    if (key.isEmpty()) {
      return List.of();
    }
    return history().lookup(key, isCode, year.getValue());
  }

  /**
   * Returns the millésimes {@link #communeIn(String, Year)} reads, oldest first, the embedded one
   * last.
   *
   * @return the millésimes
   * @throws fr.socle.core.SocleClientException if the history resource is missing or corrupt
   */
  public List<Millesime> historyMillesimes() {
    return history().millesimes();
  }

  private CommuneHistory history() {
    CommuneHistory h = history;
    if (h == null) {
      synchronized (this) {
        h = history;
        if (h == null) {
          SearchIndex names = searchBox.index();
          h = new CommuneHistory(this, CogHistoryResource.loadEmbedded(), names::withKey);
          history = h;
        }
      }
    }
    return h;
  }

  /**
   * Searches what a citizen typed into a "commune" field, over every kind of entry. See {@link
   * #search(CommuneSearch)}.
   *
   * @param text what the user typed, at most {@value CommuneSearch#MAX_TEXT_LENGTH} characters, for
   *     example {@code "st et"}, {@code "Marseile"} or {@code "75015"}
   * @param limit 1 to {@value CommuneSearch#MAX_LIMIT}
   * @return the matches, possibly empty
   * @throws InvalidInputException if the text is too long or the limit out of range
   */
  public List<Commune> search(String text, int limit) {
    return search(CommuneSearch.of(text, limit));
  }

  /**
   * Searches what a citizen typed into a "commune" field: one box for names, INSEE codes, former
   * codes and postal codes.
   *
   * <p><b>A code</b> (five characters: digits, or 2A/2B and three digits; spaces ignored) returns
   * the current commune or arrondissement with that INSEE code, then the communes the postal code
   * serves (most populated first), then the current commune a former code resolves to (as {@link
   * #commune(String)}), then the délégués and associés with that code: current entries first.
   * {@code 69003} gives Albigny-sur-Saône (INSEE 69003), then Lyon and Lyon 3e (postal code 69003);
   * {@code 93059} gives Saint-Denis, then the commune déléguée Pierrefitte-sur-Seine.
   *
   * <p><b>A name</b> is folded (accents, case, hyphens, apostrophes and spaces ignored, full-width
   * letters read as ASCII, "St"/"Ste" equal "Saint"/"Sainte": "st etienne", "SAINT-ÉTIENNE" and
   * "saintet" all find Saint-Étienne) and ranked in three tiers: names equal to the text, then
   * names starting with it, then names starting with it up to one slip (a letter left out, added or
   * replaced, two letters swapped) in their first 6 letters or more: "Marseile" and "Bordaeux" find
   * Marseille and Bordeaux, "Parus" does not find Paris. Within a tier, the most populated first;
   * délégués and associés have no population and come last. The whole name must start with the text
   * ("denis" does not find Saint-Denis).
   *
   * <p>Costs about a microsecond from memory, a few more when typo matches are looked for. A text
   * that matches nothing but a slip in its first two letters costs one pass over every name.
   *
   * @param query the query with its filters
   * @return the matches, possibly empty; empty when the text has no letter or digit
   */
  public List<Commune> search(CommuneSearch query) {
    return searchBox.search(query);
  }

  private static String normalise(String code) {
    return code.strip().toUpperCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "Territories[" + millesime + ", " + currentCommunes.size() + " communes]";
  }
}
