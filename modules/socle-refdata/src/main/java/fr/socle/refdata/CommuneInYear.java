package fr.socle.refdata;

import java.util.Objects;
import java.util.Optional;

/**
 * A commune as the COG of an earlier year had it, and the current commune it belongs to now: see
 * {@link Territories#communeIn(String, java.time.Year)}.
 *
 * <p>A birth commune typed as it was at the time ("Pierrefitte-sur-Seine, 1990", code {@code
 * 93059}) finds its entry of that year, with {@link #current()} the commune to use today
 * (Saint-Denis 93066 since the 2025 merger).
 *
 * @param code the INSEE code the entry had that year
 * @param nom the name it had that year
 * @param type its kind that year (a commune can later become a commune déléguée)
 * @param departementCode its département that year
 * @param parentCode for a délégué or associé, the commune it belonged to that year
 * @param millesime the COG the entry was read from, which is the year asked for when that year is
 *     covered (see {@link Territories#historyMillesimes()}), else the nearest covered one; empty
 *     when the entry is only known as a former code of a later commune (years before the oldest
 *     covered millésime)
 * @param current the current commune (or municipal arrondissement) of the embedded millésime that
 *     the entry belongs to now
 */
public record CommuneInYear(
    String code,
    String nom,
    CommuneType type,
    String departementCode,
    Optional<String> parentCode,
    Optional<Millesime> millesime,
    Commune current) {

  /**
   * Validates the record.
   *
   * @param code the INSEE code the entry had that year
   * @param nom the name it had that year
   * @param type its kind that year (a commune can later become a commune déléguée)
   * @param departementCode its département that year
   * @param parentCode for a délégué or associé, the commune it belonged to that year
   * @param millesime the COG the entry was read from, which is the year asked for when that year is
   *     covered (see {@link Territories#historyMillesimes()}), else the nearest covered one; empty
   *     when the entry is only known as a former code of a later commune (years before the oldest
   *     covered millésime)
   * @param current the current commune (or municipal arrondissement) of the embedded millésime that
   *     the entry belongs to now
   */
  public CommuneInYear {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(nom, "nom");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(departementCode, "departementCode");
    Objects.requireNonNull(parentCode, "parentCode");
    Objects.requireNonNull(millesime, "millesime");
    Objects.requireNonNull(current, "current");
  }

  /**
   * Tells whether the entry still has the same code and kind today.
   *
   * @return true when {@link #current()} is this very entry
   */
  public boolean isUnchanged() {
    return current.code().equals(code) && current.type() == type;
  }

  @Override
  public String toString() {
    return nom
        + " ("
        + code
        + ", "
        + type.apiName()
        + millesime.map(m -> ", COG " + m.year()).orElse(", former code")
        + ") -> "
        + current.code();
  }
}
