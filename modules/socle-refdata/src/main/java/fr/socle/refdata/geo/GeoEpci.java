package fr.socle.refdata.geo;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * An EPCI as API Géo returns it.
 *
 * @param code the SIREN
 * @param nom the name
 * @param departementCodes the départements it spans
 * @param regionCodes the régions it spans
 * @param population the population, if returned
 */
public record GeoEpci(
    String code,
    String nom,
    List<String> departementCodes,
    List<String> regionCodes,
    OptionalLong population) {

  /**
   * Validates the record.
   *
   * @param code the SIREN
   * @param nom the name
   * @param departementCodes the départements it spans
   * @param regionCodes the régions it spans
   * @param population the population, if returned
   */
  public GeoEpci {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(nom, "nom");
    departementCodes = List.copyOf(departementCodes);
    regionCodes = List.copyOf(regionCodes);
  }
}
