package fr.socle.refdata.geo;

import java.util.Objects;
import java.util.Optional;

/**
 * A département as API Géo returns it.
 *
 * @param code the code
 * @param nom the name
 * @param regionCode the région code, if returned
 */
public record GeoDepartement(String code, String nom, Optional<String> regionCode) {

  /**
   * Validates the record.
   *
   * @param code the code
   * @param nom the name
   * @param regionCode the région code, if returned
   */
  public GeoDepartement {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(nom, "nom");
    Objects.requireNonNull(regionCode, "regionCode");
  }
}
