package fr.socle.refdata.validation;

import static fr.socle.refdata.validation.IdentifierSupport.DIGITS;
import static fr.socle.refdata.validation.IdentifierSupport.digits;
import static fr.socle.refdata.validation.IdentifierSupport.invalid;
import static fr.socle.refdata.validation.IdentifierSupport.normalise;
import static fr.socle.refdata.validation.InvalidReason.EMPTY;
import static fr.socle.refdata.validation.InvalidReason.FORMAT;
import static fr.socle.refdata.validation.InvalidReason.LENGTH;

import fr.socle.refdata.Commune;
import fr.socle.refdata.Territories;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * INSEE commune codes and postal codes, by format or against the COG. The public entry point is
 * {@link Validators}, which documents each rule; stateless and thread-safe.
 */
final class TerritorialCodes {

  private static final Pattern COMMUNE_CODE =
      Pattern.compile(
          "(0[1-9]|[1-8]\\d|9[0-5]|2[AB])\\d{3}|97[1-6]\\d{2}|(975|977|978|98[4-9])\\d{2}");
  private static final Pattern POSTAL_CODE = Pattern.compile("(0[1-9]|[1-8]\\d|9[0-8])\\d{3}");

  private TerritorialCodes() {}

  static ValidationResult communeCode(String input) {
    String s = normalise(input);
    IdentifierKind k = IdentifierKind.COMMUNE_CODE;
    if (s.isEmpty()) {
      return invalid(k, EMPTY, "empty");
    }
    if (s.length() != 5) {
      return invalid(k, LENGTH, "expected 5 characters, got " + s.length());
    }
    if (s.startsWith("20") && DIGITS.matcher(s).matches()) {
      return invalid(k, FORMAT, "Corsican commune codes start with 2A or 2B since 1976");
    }
    if (!COMMUNE_CODE.matcher(s).matches()) {
      return invalid(k, FORMAT, "not a département followed by a commune number");
    }
    return ValidationResult.valid(k, s, Qualifier.FORMAT_ONLY);
  }

  static ValidationResult communeCode(String input, Territories territories) {
    Objects.requireNonNull(territories, "territories");
    String s = normalise(input);
    IdentifierKind k = IdentifierKind.COMMUNE_CODE;
    if (territories.isCurrentCode(s)) {
      return ValidationResult.valid(k, s);
    }
    Optional<Commune> successor = territories.commune(s);
    if (successor.isPresent()) {
      return invalid(
          k,
          InvalidReason.OUTDATED,
          "former commune code, now "
              + successor.get().code()
              + " in COG "
              + territories.millesime().year());
    }
    ValidationResult format = communeCode(s);
    return format.isValid()
        ? invalid(
            k, InvalidReason.UNKNOWN, "no such commune in COG " + territories.millesime().year())
        : format;
  }

  static ValidationResult postalCode(String input) {
    String s = normalise(input);
    IdentifierKind k = IdentifierKind.POSTAL_CODE;
    Optional<ValidationResult> shape = digits(k, s, 5);
    if (shape.isPresent()) {
      return shape.get();
    }
    if (!POSTAL_CODE.matcher(s).matches()) {
      return invalid(k, FORMAT, "no postal code starts with " + s.substring(0, 2));
    }
    return ValidationResult.valid(k, s, Qualifier.FORMAT_ONLY);
  }

  static ValidationResult postalCode(String input, Territories territories) {
    Objects.requireNonNull(territories, "territories");
    ValidationResult format = postalCode(input);
    if (!format.isValid()) {
      return format;
    }
    String s = format.value().orElseThrow();
    if (territories.communesByPostalCode(s).isEmpty()) {
      return invalid(
          IdentifierKind.POSTAL_CODE,
          InvalidReason.UNKNOWN,
          "serves no commune in COG " + territories.millesime().year());
    }
    return ValidationResult.valid(IdentifierKind.POSTAL_CODE, s);
  }
}
