package fr.socle.refdata.validation;

import static fr.socle.refdata.validation.IdentifierSupport.DIGITS;
import static fr.socle.refdata.validation.IdentifierSupport.digits;
import static fr.socle.refdata.validation.IdentifierSupport.invalid;
import static fr.socle.refdata.validation.IdentifierSupport.normalise;
import static fr.socle.refdata.validation.InvalidReason.CHECKSUM;
import static fr.socle.refdata.validation.InvalidReason.EMPTY;
import static fr.socle.refdata.validation.InvalidReason.FORMAT;
import static fr.socle.refdata.validation.InvalidReason.LENGTH;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * SIREN, SIRET (with the La Poste rule), intra-community VAT numbers and RNA: the identifiers of
 * companies, public bodies and associations. The public entry point is {@link Validators}, which
 * documents each rule; stateless and thread-safe.
 */
final class CompanyIdentifiers {

  private static final String LA_POSTE_SIREN = "356000000";
  private static final String LA_POSTE_HEAD_OFFICE = "35600000000048";
  // W, the greffe code (the département: 01-95, 2A/2B, or 9 and a letter for the overseas
  // greffes, e.g. 9R La Réunion, 9M Martinique; then the digit of the préfecture or
  // sous-préfecture), then a six-digit serial. Digit-only 97/98 are kept for overseas numbers
  // issued before the letter codes. Département 00, 96 and 99 have no greffe.
  private static final Pattern RNA =
      Pattern.compile("W(?:0[1-9]|[1-8]\\d|9[0-578]|2[AB]|9[A-Z])\\d{7}");

  private CompanyIdentifiers() {}

  static ValidationResult siren(String input) {
    String s = normalise(input);
    Optional<ValidationResult> shape = digits(IdentifierKind.SIREN, s, 9);
    if (shape.isPresent()) {
      return shape.get();
    }
    if (!Checksums.luhn(s)) {
      return invalid(IdentifierKind.SIREN, CHECKSUM, "Luhn key does not match");
    }
    return publicBody(s)
        ? ValidationResult.valid(IdentifierKind.SIREN, s, Qualifier.PUBLIC_BODY)
        : ValidationResult.valid(IdentifierKind.SIREN, s);
  }

  static ValidationResult siret(String input) {
    return siret(input, SiretMode.STRICT);
  }

  static ValidationResult siret(String input, SiretMode mode) {
    Objects.requireNonNull(mode, "mode");
    String s = normalise(input);
    Optional<ValidationResult> shape = digits(IdentifierKind.SIRET, s, 14);
    if (shape.isPresent()) {
      return shape.get();
    }
    List<Qualifier> q = new ArrayList<>(2);
    if (publicBody(s)) {
      q.add(Qualifier.PUBLIC_BODY);
    }
    if (s.startsWith(LA_POSTE_SIREN) && !s.equals(LA_POSTE_HEAD_OFFICE)) {
      if (mode == SiretMode.STATE_API) {
        q.add(Qualifier.LA_POSTE_UNCHECKED);
      } else if (Checksums.digitSum(s) % 5 != 0) {
        return invalid(
            IdentifierKind.SIRET, CHECKSUM, "La Poste SIRET: digit sum is not a multiple of 5");
      } else {
        q.add(Qualifier.LA_POSTE);
      }
    } else {
      if (!Checksums.luhn(s)) {
        return invalid(IdentifierKind.SIRET, CHECKSUM, "Luhn key does not match");
      }
      if (mode == SiretMode.STRICT && !Checksums.luhn(s.substring(0, 9))) {
        return invalid(IdentifierKind.SIRET, CHECKSUM, "the SIREN part has a wrong Luhn key");
      }
    }
    return ValidationResult.valid(IdentifierKind.SIRET, s, q.toArray(Qualifier[]::new));
  }

  static ValidationResult vatNumber(String input) {
    String s = normalise(input);
    IdentifierKind k = IdentifierKind.VAT_NUMBER;
    if (s.isEmpty()) {
      return invalid(k, EMPTY, "empty");
    }
    if (s.length() != 13) {
      return invalid(k, LENGTH, "expected 13 characters (FR + key + SIREN), got " + s.length());
    }
    if (!s.startsWith("FR")) {
      return invalid(k, FORMAT, "a French VAT number starts with FR");
    }
    char c0 = s.charAt(2);
    char c1 = s.charAt(3);
    String siren = s.substring(4);
    if (Checksums.VAT_ALPHABET.indexOf(c0) < 0
        || Checksums.VAT_ALPHABET.indexOf(c1) < 0
        || !DIGITS.matcher(siren).matches()) {
      return invalid(k, FORMAT, "expected FR, 2 key characters (no I or O) and 9 digits");
    }
    boolean monaco = siren.startsWith("000");
    if (!monaco && !Checksums.luhn(siren)) {
      return invalid(k, CHECKSUM, "the SIREN part has a wrong Luhn key");
    }
    List<Qualifier> q = new ArrayList<>(2);
    if (monaco) {
      q.add(Qualifier.MONACO);
    }
    if (Character.isDigit(c0) && Character.isDigit(c1)) {
      if (Integer.parseInt(s.substring(2, 4)) != Checksums.vatKey(siren)) {
        return invalid(k, CHECKSUM, "the key does not match the SIREN");
      }
    } else {
      if (!Checksums.vatAlphanumericKey(c0, c1, siren)) {
        return invalid(k, CHECKSUM, "the alphanumeric key does not match the SIREN");
      }
      q.add(Qualifier.ALPHANUMERIC_KEY);
    }
    return ValidationResult.valid(k, s, q.toArray(Qualifier[]::new));
  }

  static String vatNumberOf(String siren) {
    String s = siren(siren).orElseThrow();
    return String.format(Locale.ROOT, "FR%02d%s", Checksums.vatKey(s), s);
  }

  static ValidationResult rna(String input) {
    String s = normalise(input);
    IdentifierKind k = IdentifierKind.RNA;
    if (s.isEmpty()) {
      return invalid(k, EMPTY, "empty");
    }
    if (s.length() != 10) {
      return invalid(k, LENGTH, "expected W and 9 characters, got " + s.length() + " characters");
    }
    if (!RNA.matcher(s).matches()) {
      return invalid(k, FORMAT, "expected W, a greffe code and a six-digit serial");
    }
    return ValidationResult.valid(k, s, Qualifier.FORMAT_ONLY);
  }

  private static boolean publicBody(String s) {
    return s.charAt(0) == '1' || s.charAt(0) == '2';
  }
}
