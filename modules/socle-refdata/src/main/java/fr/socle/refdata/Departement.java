package fr.socle.refdata;

import java.util.Objects;

/**
 * A département (or, for overseas collectivities, the COG's equivalent).
 *
 * @param code the code: {@code 01}..{@code 95}, {@code 2A}, {@code 2B}, {@code 971}..{@code 976},
 *     or a COM code ({@code 975}, {@code 977}, {@code 978}, {@code 984}, {@code 986}..{@code 989})
 * @param nom the name
 * @param regionCode the région code
 * @param chefLieu the INSEE code of the prefecture commune
 * @param zone metropolitan, DROM or overseas collectivity
 * @param millesime the COG vintage this record comes from
 */
public record Departement(
    String code, String nom, String regionCode, String chefLieu, Zone zone, Millesime millesime) {

  /**
   * Validates the record.
   *
   * @param code the code: {@code 01}..{@code 95}, {@code 2A}, {@code 2B}, {@code 971}..{@code 976},
   *     or a COM code ({@code 975}, {@code 977}, {@code 978}, {@code 984}, {@code 986}..{@code
   *     989})
   * @param nom the name
   * @param regionCode the région code
   * @param chefLieu the INSEE code of the prefecture commune
   * @param zone metropolitan, DROM or overseas collectivity
   * @param millesime the COG vintage this record comes from
   */
  public Departement {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(nom, "nom");
    Objects.requireNonNull(regionCode, "regionCode");
    Objects.requireNonNull(chefLieu, "chefLieu");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(millesime, "millesime");
  }
}
