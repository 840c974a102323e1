package fr.socle.refdata.geo;

import fr.socle.core.InvalidInputException;
import fr.socle.refdata.client.GeoPoint;
import java.util.Objects;
import java.util.Optional;

/**
 * A query of API Géo's {@code /communes}: by name, postal code, position or former code, narrowed
 * by département. Immutable; start with one of the factories.
 *
 * @param nom a name to search (fuzzy, boosted by population)
 * @param postalCode a postal code
 * @param point a position inside the commune
 * @param formerCode the code of a merged commune ({@code ancienCode})
 * @param departementCode only communes of this département
 * @param limit the maximum number of results, if set
 */
public record CommuneQuery(
    Optional<String> nom,
    Optional<String> postalCode,
    Optional<GeoPoint> point,
    Optional<String> formerCode,
    Optional<String> departementCode,
    Optional<Integer> limit) {

  /**
   * Validates the query.
   *
   * @param nom a name to search (fuzzy, boosted by population)
   * @param postalCode a postal code
   * @param point a position inside the commune
   * @param formerCode the code of a merged commune ({@code ancienCode})
   * @param departementCode only communes of this département
   * @param limit the maximum number of results, if set
   */
  public CommuneQuery {
    if (nom.isEmpty()
        && postalCode.isEmpty()
        && point.isEmpty()
        && formerCode.isEmpty()
        && departementCode.isEmpty()) {
      throw new InvalidInputException("a commune query needs at least one criterion");
    }
    if (limit.isPresent() && limit.get() < 1) {
      throw new InvalidInputException("limit must be positive");
    }
  }

  /**
   * Communes whose name matches.
   *
   * @param nom the name
   * @return the query
   */
  public static CommuneQuery byName(String nom) {
    return new CommuneQuery(
        Optional.of(nom),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * Communes a postal code serves.
   *
   * @param postalCode five digits
   * @return the query
   */
  public static CommuneQuery byPostalCode(String postalCode) {
    return new CommuneQuery(
        Optional.empty(),
        Optional.of(postalCode),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * The commune containing a point.
   *
   * @param point the position
   * @return the query
   */
  public static CommuneQuery at(GeoPoint point) {
    return new CommuneQuery(
        Optional.empty(),
        Optional.empty(),
        Optional.of(point),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * The current commune that absorbed a merged commune.
   *
   * @param code the former INSEE code
   * @return the query
   */
  public static CommuneQuery byFormerCode(String code) {
    return new CommuneQuery(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(code),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * Every commune of a département.
   *
   * @param code the département code
   * @return the query
   */
  public static CommuneQuery inDepartementOnly(String code) {
    return new CommuneQuery(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(code),
        Optional.empty());
  }

  /**
   * Narrows to a département.
   *
   * @param code the département code
   * @return a new query
   */
  public CommuneQuery inDepartement(String code) {
    return new CommuneQuery(
        nom,
        postalCode,
        point,
        formerCode,
        Optional.of(Objects.requireNonNull(code, "code")),
        limit);
  }

  /**
   * Caps the number of results.
   *
   * @param max the maximum
   * @return a new query
   */
  public CommuneQuery limit(int max) {
    return new CommuneQuery(nom, postalCode, point, formerCode, departementCode, Optional.of(max));
  }
}
