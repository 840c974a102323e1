package fr.socle.refdata.geocoding;

import fr.socle.core.InvalidInputException;
import fr.socle.refdata.client.GeoPoint;
import fr.socle.refdata.validation.Validators;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A forward geocoding query ({@code GET /search}). Immutable.
 *
 * <pre>{@code
 * AddressQuery q = AddressQuery.of("8 bd du port amiens").limit(3).postcode("80000");
 * }</pre>
 *
 * @param text the address, 3 to 200 characters
 * @param limit the maximum number of results, 1 to 50
 * @param autocomplete whether the last word may be incomplete
 * @param type only results of this granularity
 * @param postcode only this postal code
 * @param citycode only this INSEE commune code
 * @param near favour results near this point
 */
public record AddressQuery(
    String text,
    int limit,
    boolean autocomplete,
    Optional<AddressType> type,
    Optional<String> postcode,
    Optional<String> citycode,
    Optional<GeoPoint> near) {

  /**
   * Validates the query.
   *
   * @param text the address, 3 to 200 characters
   * @param limit the maximum number of results, 1 to 50
   * @param autocomplete whether the last word may be incomplete
   * @param type only results of this granularity
   * @param postcode only this postal code
   * @param citycode only this INSEE commune code
   * @param near favour results near this point
   */
  public AddressQuery {
    Objects.requireNonNull(text, "text");
    String t = text.strip();
    if (t.length() < 3 || t.length() > 200) {
      throw new InvalidInputException("address text must have 3 to 200 characters");
    }
    text = t;
    if (limit < 1 || limit > 50) {
      throw new InvalidInputException("limit must be between 1 and 50");
    }
    Objects.requireNonNull(type, "type");
    postcode = postcode.map(p -> Validators.postalCode(p).orElseThrow());
    citycode = citycode.map(c -> Validators.communeCode(c).orElseThrow());
    Objects.requireNonNull(near, "near");
  }

  /**
   * A query with 5 results and no filter.
   *
   * @param text the address
   * @return the query
   */
  public static AddressQuery of(String text) {
    return new AddressQuery(
        text, 5, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Sets the number of results.
   *
   * @param max 1 to 50
   * @return a new query
   */
  public AddressQuery limit(int max) {
    return new AddressQuery(text, max, autocomplete, type, postcode, citycode, near);
  }

  /**
   * Chooses whether the last word may be incomplete (type-ahead).
   *
   * @param on true for type-ahead
   * @return a new query
   */
  public AddressQuery autocomplete(boolean on) {
    return new AddressQuery(text, limit, on, type, postcode, citycode, near);
  }

  /**
   * Keeps one granularity.
   *
   * @param t the type
   * @return a new query
   */
  public AddressQuery type(AddressType t) {
    return new AddressQuery(
        text,
        limit,
        autocomplete,
        Optional.of(Objects.requireNonNull(t, "t")),
        postcode,
        citycode,
        near);
  }

  /**
   * Keeps one postal code.
   *
   * @param p five digits
   * @return a new query
   */
  public AddressQuery postcode(String p) {
    return new AddressQuery(
        text,
        limit,
        autocomplete,
        type,
        Optional.of(Objects.requireNonNull(p, "p")),
        citycode,
        near);
  }

  /**
   * Keeps one commune.
   *
   * @param c the INSEE code
   * @return a new query
   */
  public AddressQuery citycode(String c) {
    return new AddressQuery(
        text,
        limit,
        autocomplete,
        type,
        postcode,
        Optional.of(Objects.requireNonNull(c, "c")),
        near);
  }

  /**
   * Favours results near a point.
   *
   * @param p the point
   * @return a new query
   */
  public AddressQuery near(GeoPoint p) {
    return new AddressQuery(
        text,
        limit,
        autocomplete,
        type,
        postcode,
        citycode,
        Optional.of(Objects.requireNonNull(p, "p")));
  }

  Map<String, Object> parameters() {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("q", text);
    q.put("limit", limit);
    q.put("autocomplete", autocomplete ? 1 : 0);
    type.ifPresent(t -> q.put("type", t.wire()));
    postcode.ifPresent(p -> q.put("postcode", p));
    citycode.ifPresent(c -> q.put("citycode", c));
    near.ifPresent(
        p -> {
          q.put("lat", p.latitude());
          q.put("lon", p.longitude());
        });
    return q;
  }

  @Override
  public String toString() {
    return "AddressQuery[limit=" + limit + ", type=" + type + "]";
  }
}
