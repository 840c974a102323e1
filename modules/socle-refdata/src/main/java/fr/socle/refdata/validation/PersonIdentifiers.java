package fr.socle.refdata.validation;

import static fr.socle.refdata.validation.IdentifierSupport.invalid;
import static fr.socle.refdata.validation.IdentifierSupport.normalise;
import static fr.socle.refdata.validation.InvalidReason.CHECKSUM;
import static fr.socle.refdata.validation.InvalidReason.EMPTY;
import static fr.socle.refdata.validation.InvalidReason.FORMAT;
import static fr.socle.refdata.validation.InvalidReason.LENGTH;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The NIR/NIA (numéro de sécurité sociale): personal data, never echoed in a result or a message.
 * The public entry point is {@link Validators}, which documents each rule; stateless and
 * thread-safe.
 */
final class PersonIdentifiers {

  private static final Pattern NIR =
      Pattern.compile("[1278]\\d{2}(0[1-9]|1[0-2]|[2-9]\\d)(\\d{2}|2[AB])\\d{8}");

  private PersonIdentifiers() {}

  static ValidationResult nir(String input) {
    String s = normalise(input);
    IdentifierKind k = IdentifierKind.NIR;
    if (s.isEmpty()) {
      return invalid(k, EMPTY, "empty");
    }
    if (s.length() != 15) {
      return invalid(k, LENGTH, "expected 15 characters, got " + s.length());
    }
    if (!NIR.matcher(s).matches()) {
      return invalid(
          k, FORMAT, "expected sex 1/2/7/8, year, month, département (2A/2B), commune, order, key");
    }
    String dep = s.substring(5, 7);
    if (dep.equals("00")) {
      return invalid(k, FORMAT, "département 00 does not exist");
    }
    if (Checksums.nirKey(s.substring(0, 13)) != Integer.parseInt(s.substring(13))) {
      return invalid(k, CHECKSUM, "the key does not match");
    }
    List<Qualifier> q = new ArrayList<>(2);
    if (s.charAt(0) == '7' || s.charAt(0) == '8') {
      q.add(Qualifier.TEMPORARY_NIA);
    }
    if (dep.startsWith("2") && !Character.isDigit(dep.charAt(1))) {
      q.add(Qualifier.CORSICA);
    } else if (dep.equals("99")) {
      q.add(Qualifier.BORN_ABROAD);
    } else if (dep.equals("97") || dep.equals("98")) {
      q.add(Qualifier.BORN_OVERSEAS);
    }
    return ValidationResult.valid(k, s, q.toArray(Qualifier[]::new));
  }
}
