package fr.socle.refdata.geo;

import fr.socle.refdata.client.GeoPoint;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A commune as API Géo returns it.
 *
 * @param code the INSEE code
 * @param nom the name
 * @param departementCode the département code, if returned
 * @param regionCode the région code, if returned
 * @param siren the SIREN, if returned
 * @param epciCode the SIREN of its EPCI, if any
 * @param postalCodes the postal codes
 * @param population the population municipale, if known
 * @param centre the centre, if returned
 * @param surfaceHectares the area in hectares, if returned
 * @param score the relevance of a name search, if it was one
 */
public record GeoCommune(
    String code,
    String nom,
    Optional<String> departementCode,
    Optional<String> regionCode,
    Optional<String> siren,
    Optional<String> epciCode,
    List<String> postalCodes,
    OptionalInt population,
    Optional<GeoPoint> centre,
    OptionalDouble surfaceHectares,
    OptionalDouble score) {

  /**
   * Validates the record.
   *
   * @param code the INSEE code
   * @param nom the name
   * @param departementCode the département code, if returned
   * @param regionCode the région code, if returned
   * @param siren the SIREN, if returned
   * @param epciCode the SIREN of its EPCI, if any
   * @param postalCodes the postal codes
   * @param population the population municipale, if known
   * @param centre the centre, if returned
   * @param surfaceHectares the area in hectares, if returned
   * @param score the relevance of a name search, if it was one
   */
  public GeoCommune {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(nom, "nom");
    postalCodes = List.copyOf(postalCodes);
  }
}
