package fr.socle.refdata.geo;

import java.util.Objects;

/**
 * A région as API Géo returns it.
 *
 * @param code the code
 * @param nom the name
 */
public record GeoRegion(String code, String nom) {

  /**
   * Validates the record.
   *
   * @param code the code
   * @param nom the name
   */
  public GeoRegion {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(nom, "nom");
  }
}
