package fr.socle.refdata.validation;

import static fr.socle.refdata.validation.IdentifierSupport.DIGITS;
import static fr.socle.refdata.validation.IdentifierSupport.invalid;
import static fr.socle.refdata.validation.IdentifierSupport.normalise;
import static fr.socle.refdata.validation.InvalidReason.CHECKSUM;
import static fr.socle.refdata.validation.InvalidReason.EMPTY;
import static fr.socle.refdata.validation.InvalidReason.FORMAT;
import static fr.socle.refdata.validation.InvalidReason.LENGTH;

import java.util.regex.Pattern;

/**
 * FINESS (health and social establishments) and UAI (schools). The public entry point is {@link
 * Validators}, which documents each rule; stateless and thread-safe.
 */
final class EstablishmentIdentifiers {

  private static final Pattern FINESS = Pattern.compile("(\\d{2}|2[AB]|9[A-F])\\d{7}");
  private static final Pattern UAI = Pattern.compile("\\d{7}[A-Z]");

  private EstablishmentIdentifiers() {}

  static ValidationResult finess(String input) {
    String s = normalise(input);
    IdentifierKind k = IdentifierKind.FINESS;
    if (s.isEmpty()) {
      return invalid(k, EMPTY, "empty");
    }
    if (s.length() != 9) {
      return invalid(k, LENGTH, "expected 9 characters, got " + s.length());
    }
    if (!FINESS.matcher(s).matches()) {
      return invalid(k, FORMAT, "expected a département prefix and digits");
    }
    if (!DIGITS.matcher(s).matches()) {
      return ValidationResult.valid(k, s, Qualifier.CHECK_DIGIT_NOT_VERIFIED);
    }
    if (!Checksums.luhn(s)) {
      return invalid(k, CHECKSUM, "Luhn key does not match");
    }
    return ValidationResult.valid(k, s);
  }

  static ValidationResult uai(String input) {
    String s = normalise(input);
    IdentifierKind k = IdentifierKind.UAI;
    if (s.isEmpty()) {
      return invalid(k, EMPTY, "empty");
    }
    if (s.length() != 8) {
      return invalid(k, LENGTH, "expected 8 characters, got " + s.length());
    }
    if (!UAI.matcher(s).matches()) {
      return invalid(k, FORMAT, "expected 7 digits and a letter");
    }
    if (Checksums.uaiLetter(s.substring(0, 7)) != s.charAt(7)) {
      return invalid(k, CHECKSUM, "the key letter does not match");
    }
    return ValidationResult.valid(k, s);
  }
}
