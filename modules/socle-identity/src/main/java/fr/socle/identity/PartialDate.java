package fr.socle.identity;

import fr.socle.core.InvalidInputException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A birth date whose month or day may be unknown, as civil registers have them.
 *
 * <p>FranceConnect's {@code birthdate} claim fills an unknown month or day with {@code -01}; the
 * {@code idp_birthdate} claim keeps what the identity provider sent ({@code YYYY}, {@code YYYY-MM}
 * or {@code YYYY-MM-DD}).
 *
 * @param year the year
 * @param month 1 to 12, or 0 when unknown
 * @param day 1 to 31, or 0 when unknown (always 0 when the month is unknown)
 */
public record PartialDate(int year, int month, int day) {
  /**
   * Validates the fields.
   *
   * @param year the year
   * @param month 1 to 12, or 0 when unknown
   * @param day 1 to 31, or 0 when unknown (always 0 when the month is unknown)
   * @throws InvalidInputException if a field is out of range or the date does not exist
   */
  public PartialDate {
    if (year < 1 || year > 9999 || month < 0 || month > 12 || day < 0 || day > 31) {
      throw new InvalidInputException("invalid partial date");
    }
    if (month == 0 && day != 0) {
      throw new InvalidInputException("invalid partial date: day without month");
    }
    if (day != 0) {
      try {
        LocalDate.of(year, month, day);
      } catch (DateTimeException e) {
        throw new InvalidInputException("invalid partial date");
      }
    }
  }

  /**
   * Parses {@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}.
   *
   * @param text the text
   * @return the date
   * @throws InvalidInputException if the text has another form
   */
  public static PartialDate parse(String text) {
    Objects.requireNonNull(text, "text");
    if (!text.matches("\\d{4}(-\\d{2}(-\\d{2})?)?")) {
      throw new InvalidInputException("date is not YYYY, YYYY-MM or YYYY-MM-DD");
    }
    int year = Integer.parseInt(text.substring(0, 4));
    int month = text.length() >= 7 ? Integer.parseInt(text.substring(5, 7)) : 0;
    int day = text.length() == 10 ? Integer.parseInt(text.substring(8, 10)) : 0;
    return new PartialDate(year, month, day);
  }

  /**
   * Tells whether year, month and day are all known.
   *
   * @return true for a complete date
   */
  public boolean isComplete() {
    return day != 0;
  }

  /**
   * Returns the complete date.
   *
   * @return the date, or empty if the month or day is unknown
   */
  public Optional<LocalDate> toLocalDate() {
    return isComplete() ? Optional.of(LocalDate.of(year, month, day)) : Optional.empty();
  }

  /** Returns {@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}. */
  @Override
  public String toString() {
    if (month == 0) {
      return String.format("%04d", year);
    }
    if (day == 0) {
      return String.format("%04d-%02d", year, month);
    }
    return String.format("%04d-%02d-%02d", year, month, day);
  }
}
