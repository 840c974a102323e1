package fr.socle.refdata.geocoding;

import fr.socle.refdata.client.GeoPoint;
import java.util.Objects;
import java.util.Optional;

/**
 * An address found by the geocoder.
 *
 * @param label the full label, for example {@code 8 Boulevard du Port 80000 Amiens}
 * @param position the WGS 84 position
 * @param score the relevance, 0 to 1
 * @param type the granularity, if a known one
 * @param id the BAN interoperability key, if any
 * @param housenumber the number with its repetition index
 * @param street the street name
 * @param name the number and street, or the lieu-dit
 * @param postcode the postal code
 * @param citycode the INSEE code of the commune
 * @param city the commune name
 * @param context département number, département name, région name
 * @param district the municipal arrondissement (Paris, Lyon, Marseille)
 * @param oldcitycode the INSEE code of the former commune, for merged communes
 * @param oldcity the name of the former commune
 */
public record GeocodedAddress(
    String label,
    GeoPoint position,
    double score,
    Optional<AddressType> type,
    Optional<String> id,
    Optional<String> housenumber,
    Optional<String> street,
    Optional<String> name,
    Optional<String> postcode,
    Optional<String> citycode,
    Optional<String> city,
    Optional<String> context,
    Optional<String> district,
    Optional<String> oldcitycode,
    Optional<String> oldcity) {

  /**
   * Validates the record.
   *
   * @param label the full label, for example {@code 8 Boulevard du Port 80000 Amiens}
   * @param position the WGS 84 position
   * @param score the relevance, 0 to 1
   * @param type the granularity, if a known one
   * @param id the BAN interoperability key, if any
   * @param housenumber the number with its repetition index
   * @param street the street name
   * @param name the number and street, or the lieu-dit
   * @param postcode the postal code
   * @param citycode the INSEE code of the commune
   * @param city the commune name
   * @param context département number, département name, région name
   * @param district the municipal arrondissement (Paris, Lyon, Marseille)
   * @param oldcitycode the INSEE code of the former commune, for merged communes
   * @param oldcity the name of the former commune
   */
  public GeocodedAddress {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(position, "position");
  }

  @Override
  public String toString() {
    // An address can be personal data: only its precision is printed.
    return "GeocodedAddress[" + type.map(AddressType::wire).orElse("?") + ", score=" + score + "]";
  }
}
