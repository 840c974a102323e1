package fr.socle.refdata.validation;

import static fr.socle.refdata.validation.InvalidReason.EMPTY;
import static fr.socle.refdata.validation.InvalidReason.FORMAT;
import static fr.socle.refdata.validation.InvalidReason.LENGTH;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The normalisation and the checks every validator shares. The public entry point is {@link
 * Validators}, which documents each rule; stateless and thread-safe.
 */
final class IdentifierSupport {

  static final Pattern DIGITS = Pattern.compile("\\d+");

  private IdentifierSupport() {}

  static String normalise(String input) {
    Objects.requireNonNull(input, "input");
    StringBuilder b = new StringBuilder(input.length());
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      if (Character.isWhitespace(c)
          || Character.isSpaceChar(c)
          || c == '.'
          || c == '-'
          || c == '_'
          || c == '\u2010'
          || c == '\u2011') {
        continue;
      }
      b.append(c);
    }
    return b.toString().toUpperCase(Locale.ROOT);
  }

  static Optional<ValidationResult> digits(IdentifierKind k, String s, int length) {
    if (s.isEmpty()) {
      return Optional.of(invalid(k, EMPTY, "empty"));
    }
    if (s.length() != length) {
      return Optional.of(
          invalid(k, LENGTH, "expected " + length + " digits, got " + s.length() + " characters"));
    }
    if (!DIGITS.matcher(s).matches()) {
      return Optional.of(invalid(k, FORMAT, "expected digits only"));
    }
    return Optional.empty();
  }

  static ValidationResult invalid(IdentifierKind k, InvalidReason r, String detail) {
    return ValidationResult.invalid(k, r, detail);
  }
}
