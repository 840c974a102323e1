package fr.socle.refdata;

import fr.socle.core.InvalidInputException;
import java.util.Objects;

/**
 * The vintage of the Code officiel géographique (COG) a territory comes from: the state of French
 * territories on 1 January of {@code year}, as published by INSEE, and the dataset it was read
 * from.
 *
 * <p>Communes merge, split and change codes every year (and codes can change mid-year); a stored
 * INSEE code is only meaningful together with its millésime.
 *
 * @param year the COG year, for example 2026
 * @param source the dataset and version, for example {@code @etalab/decoupage-administratif 6.0.0}
 */
public record Millesime(int year, String source) {

  /**
   * Validates the millésime.
   *
   * @param year the COG year, for example 2026
   * @param source the dataset and version, for example {@code @etalab/decoupage-administratif
   *     6.0.0}
   */
  public Millesime {
    if (year < 1943 || year > 9999) {
      throw new InvalidInputException(
          "year must be between 1943 (the first COG) and 9999: " + year);
    }
    Objects.requireNonNull(source, "source");
  }

  @Override
  public String toString() {
    return "COG " + year + " (" + source + ")";
  }
}
