package fr.socle.refdata;

import java.util.Objects;

/**
 * A région (or, for overseas collectivities, the COG's equivalent).
 *
 * @param code the code, for example {@code 11} (Île-de-France) or {@code 94} (Corse)
 * @param nom the name
 * @param chefLieu the INSEE code of the chef-lieu commune
 * @param zone metropolitan, DROM or overseas collectivity
 * @param millesime the COG vintage this record comes from
 */
public record Region(String code, String nom, String chefLieu, Zone zone, Millesime millesime) {

  /**
   * Validates the record.
   *
   * @param code the code, for example {@code 11} (Île-de-France) or {@code 94} (Corse)
   * @param nom the name
   * @param chefLieu the INSEE code of the chef-lieu commune
   * @param zone metropolitan, DROM or overseas collectivity
   * @param millesime the COG vintage this record comes from
   */
  public Region {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(nom, "nom");
    Objects.requireNonNull(chefLieu, "chefLieu");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(millesime, "millesime");
  }
}
