package fr.socle.refdata.entreprises;

import fr.socle.core.InvalidInputException;
import fr.socle.refdata.validation.Validators;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A query of {@code GET /search}: free text and filters. Immutable; each method returns a new
 * query.
 *
 * <pre>{@code
 * EntrepriseQuery q = EntrepriseQuery.text("boulangerie").postalCode("93200").perPage(25);
 * }</pre>
 */
public final class EntrepriseQuery {
  /** The largest page the API serves. */
  public static final int MAX_PER_PAGE = 25;

  private final Map<String, String> params;

  private EntrepriseQuery(Map<String, String> params) {
    this.params = Collections.unmodifiableMap(params);
  }

  /**
   * A free-text query (name, address, executives, elected officials; {@code siren:…} works).
   *
   * @param q the text
   * @return the query
   */
  public static EntrepriseQuery text(String q) {
    return new EntrepriseQuery(new LinkedHashMap<>()).with("q", Objects.requireNonNull(q, "q"));
  }

  /**
   * A query with filters only (add them with the other methods).
   *
   * @return the query
   */
  public static EntrepriseQuery filters() {
    return new EntrepriseQuery(new LinkedHashMap<>());
  }

  private EntrepriseQuery with(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(params);
    copy.put(key, value);
    return new EntrepriseQuery(copy);
  }

  /**
   * Filters on a postal code.
   *
   * @param codePostal five digits
   * @return a new query
   */
  public EntrepriseQuery postalCode(String codePostal) {
    return with("code_postal", Validators.postalCode(codePostal).orElseThrow());
  }

  /**
   * Filters on an INSEE commune code.
   *
   * @param codeCommune five characters
   * @return a new query
   */
  public EntrepriseQuery communeCode(String codeCommune) {
    return with("code_commune", Validators.communeCode(codeCommune).orElseThrow());
  }

  /**
   * Filters on a département.
   *
   * @param code for example {@code 93}
   * @return a new query
   */
  public EntrepriseQuery departement(String code) {
    return with("departement", Validators.normalise(Objects.requireNonNull(code, "code")));
  }

  /**
   * Filters on a NAF code.
   *
   * @param naf for example {@code 84.11Z}
   * @return a new query
   */
  public EntrepriseQuery activitePrincipale(String naf) {
    return with(
        "activite_principale",
        Objects.requireNonNull(naf, "naf").strip().toUpperCase(java.util.Locale.ROOT));
  }

  /**
   * Filters on a legal category.
   *
   * @param code for example {@code 7210}
   * @return a new query
   */
  public EntrepriseQuery natureJuridique(String code) {
    return with("nature_juridique", Objects.requireNonNull(code, "code").strip());
  }

  /**
   * Keeps active ({@code A}) or ceased ({@code C}) units only.
   *
   * @param etat {@code A} or {@code C}
   * @return a new query
   */
  public EntrepriseQuery etatAdministratif(String etat) {
    if (!Objects.requireNonNull(etat, "etat").equals("A") && !etat.equals("C")) {
      throw new InvalidInputException("etat must be A (active) or C (ceased)");
    }
    return with("etat_administratif", etat);
  }

  /**
   * Keeps local authorities only.
   *
   * @return a new query
   */
  public EntrepriseQuery collectivitesTerritoriales() {
    return with("est_collectivite_territoriale", "true");
  }

  /**
   * Keeps associations only.
   *
   * @return a new query
   */
  public EntrepriseQuery associations() {
    return with("est_association", "true");
  }

  /**
   * Chooses the page.
   *
   * @param page from 1
   * @return a new query
   */
  public EntrepriseQuery page(int page) {
    if (page < 1) {
      throw new InvalidInputException("page starts at 1");
    }
    return with("page", Integer.toString(page));
  }

  /**
   * Chooses the page size.
   *
   * @param perPage 1 to 25
   * @return a new query
   */
  public EntrepriseQuery perPage(int perPage) {
    if (perPage < 1 || perPage > MAX_PER_PAGE) {
      throw new InvalidInputException("per_page must be between 1 and " + MAX_PER_PAGE);
    }
    return with("per_page", Integer.toString(perPage));
  }

  /**
   * Returns the query parameters as sent.
   *
   * @return the parameters
   */
  public Map<String, String> parameters() {
    return params;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EntrepriseQuery q && q.params.equals(params);
  }

  @Override
  public int hashCode() {
    return params.hashCode();
  }

  @Override
  public String toString() {
    return "EntrepriseQuery" + params.keySet();
  }
}
