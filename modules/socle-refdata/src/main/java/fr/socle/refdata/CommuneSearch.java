package fr.socle.refdata;

import fr.socle.core.InvalidInputException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a citizen typed into a "commune" field, for autocompletion: a name (or its beginning, with
 * or without accents, typos allowed), an INSEE code, a former code or a postal code. See {@link
 * Territories#search(CommuneSearch)}.
 *
 * <pre>{@code
 * CommuneSearch query = CommuneSearch.of("st denis", 10)
 *     .inDepartement("93")
 *     .ofTypes(CommuneType.ACTUELLE);
 * List<Commune> hits = Territories.embedded().search(query);
 * }</pre>
 *
 * @param text what the user typed, at most {@value #MAX_TEXT_LENGTH} characters; accents, case,
 *     hyphens, apostrophes and spaces are ignored and "St"/"Ste" equal "Saint"/"Sainte"
 * @param limit the maximum number of results, 1 to {@value #MAX_LIMIT}
 * @param departementCode only communes of this département, if present
 * @param types only these kinds of entries; never empty
 */
public record CommuneSearch(
    String text, int limit, Optional<String> departementCode, Set<CommuneType> types) {

  /** The longest accepted text, in characters. */
  public static final int MAX_TEXT_LENGTH = 200;

  /** The largest accepted limit. */
  public static final int MAX_LIMIT = 1000;

  /**
   * Validates the query.
   *
   * @param text what the user typed; accents, case, hyphens, apostrophes and spaces are ignored and
   *     "St"/"Ste" equal "Saint"/"Sainte"
   * @param limit the maximum number of results, 1 to 1000
   * @param departementCode only communes of this département, if present
   * @param types only these kinds of entries; never empty
   * @throws InvalidInputException if the text is longer than {@value #MAX_TEXT_LENGTH} characters,
   *     the limit out of range or the set of types empty
   * @throws NullPointerException if an argument is null
   */
  public CommuneSearch {
    Objects.requireNonNull(text, "text");
    // A search box never needs more: the longest commune name has 45 characters. Longer text is
    // refused rather than cut, so that a caller sees a bug instead of odd results.
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new InvalidInputException(
          "text must have at most " + MAX_TEXT_LENGTH + " characters, it has " + text.length());
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
    }
    Objects.requireNonNull(departementCode, "departementCode");
    Objects.requireNonNull(types, "types");
    if (types.isEmpty()) {
      throw new InvalidInputException("types must hold at least one commune type");
    }
    types = Set.copyOf(EnumSet.copyOf(types));
  }

  /**
   * A search over every kind of entry, in every département.
   *
   * @param text what the user typed
   * @param limit the maximum number of results
   * @return the query
   */
  public static CommuneSearch of(String text, int limit) {
    return new CommuneSearch(text, limit, Optional.empty(), EnumSet.allOf(CommuneType.class));
  }

  /**
   * Returns a copy restricted to one département.
   *
   * @param code a département code such as {@code 93} or {@code 2A}
   * @return the new query
   */
  public CommuneSearch inDepartement(String code) {
    return new CommuneSearch(text, limit, Optional.of(code.trim().toUpperCase()), types);
  }

  /**
   * Returns a copy restricted to some kinds of entries.
   *
   * @param first a kind
   * @param others more kinds
   * @return the new query
   */
  public CommuneSearch ofTypes(CommuneType first, CommuneType... others) {
    return new CommuneSearch(text, limit, departementCode, EnumSet.of(first, others));
  }
}
