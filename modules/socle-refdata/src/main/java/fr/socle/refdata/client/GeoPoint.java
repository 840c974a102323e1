package fr.socle.refdata.client;

import fr.socle.core.InvalidInputException;

/**
 * A WGS 84 position.
 *
 * @param latitude degrees, -90 to 90
 * @param longitude degrees, -180 to 180
 */
public record GeoPoint(double latitude, double longitude) {

  /**
   * Validates the coordinates.
   *
   * @param latitude degrees, -90 to 90
   * @param longitude degrees, -180 to 180
   */
  public GeoPoint {
    if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
      throw new InvalidInputException(
          "latitude must be within [-90, 90] and longitude within [-180, 180]");
    }
  }
}
