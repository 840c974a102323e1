package fr.socle.refdata.geocoding;

import fr.socle.refdata.client.GeoPoint;
import java.util.Objects;
import java.util.Optional;

/**
 * A completion suggestion.
 *
 * @param fulltext the text to show
 * @param kind {@code StreetAddress} or {@code PositionOfInterest} (the API's {@code country} field)
 * @param street the street, if any
 * @param city the commune
 * @param zipcode the postal code
 * @param position the position, if returned
 */
public record AddressSuggestion(
    String fulltext,
    Optional<String> kind,
    Optional<String> street,
    Optional<String> city,
    Optional<String> zipcode,
    Optional<GeoPoint> position) {

  /**
   * Validates the record.
   *
   * @param fulltext the text to show
   * @param kind {@code StreetAddress} or {@code PositionOfInterest} (the API's {@code country}
   *     field)
   * @param street the street, if any
   * @param city the commune
   * @param zipcode the postal code
   * @param position the position, if returned
   */
  public AddressSuggestion {
    Objects.requireNonNull(fulltext, "fulltext");
  }

  @Override
  public String toString() {
    return "AddressSuggestion[" + kind.orElse("?") + "]";
  }
}
