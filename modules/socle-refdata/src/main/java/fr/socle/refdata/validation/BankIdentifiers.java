package fr.socle.refdata.validation;

import static fr.socle.refdata.validation.IdentifierSupport.DIGITS;
import static fr.socle.refdata.validation.IdentifierSupport.invalid;
import static fr.socle.refdata.validation.IdentifierSupport.normalise;
import static fr.socle.refdata.validation.InvalidReason.CHECKSUM;
import static fr.socle.refdata.validation.InvalidReason.EMPTY;
import static fr.socle.refdata.validation.InvalidReason.FORMAT;
import static fr.socle.refdata.validation.InvalidReason.LENGTH;

import java.util.Locale;
import java.util.regex.Pattern;
import org.iban4j.IbanFormatException;
import org.iban4j.IbanUtil;
import org.iban4j.InvalidCheckDigitException;
import org.iban4j.UnsupportedCountryException;

/**
 * IBAN (through iban4j) and the French RIB key. The public entry point is {@link Validators}, which
 * documents each rule; stateless and thread-safe.
 */
final class BankIdentifiers {

  private static final Pattern RIB_ACCOUNT = Pattern.compile("[0-9A-Z]{11}");

  private BankIdentifiers() {}

  static ValidationResult iban(String input) {
    String s = normalise(input);
    IdentifierKind k = IdentifierKind.IBAN;
    if (s.isEmpty()) {
      return invalid(k, EMPTY, "empty");
    }
    try {
      IbanUtil.validate(s);
    } catch (UnsupportedCountryException e) {
      return invalid(k, InvalidReason.UNSUPPORTED_COUNTRY, "country not supported");
    } catch (InvalidCheckDigitException e) {
      return invalid(k, CHECKSUM, "the IBAN key does not match");
    } catch (IbanFormatException e) {
      return invalid(
          k,
          e.getFormatViolation() != null && e.getFormatViolation().name().contains("LENGTH")
              ? LENGTH
              : FORMAT,
          "bad structure: " + e.getFormatViolation());
    }
    if (frenchFormat(s.substring(0, 2))) {
      ValidationResult rib = rib(s.substring(4));
      if (!rib.isValid()) {
        return invalid(k, CHECKSUM, "the embedded RIB key does not match");
      }
    }
    return ValidationResult.valid(k, s);
  }

  private static boolean frenchFormat(String country) {
    return switch (country) {
      case "FR", "MC", "GF", "GP", "MQ", "RE", "YT", "PM", "BL", "MF", "NC", "PF", "WF", "TF" ->
          true;
      default -> false;
    };
  }

  static ValidationResult rib(String input) {
    String s = normalise(input);
    IdentifierKind k = IdentifierKind.RIB;
    if (s.isEmpty()) {
      return invalid(k, EMPTY, "empty");
    }
    if (s.length() != 23) {
      return invalid(k, LENGTH, "expected 23 characters, got " + s.length());
    }
    String bank = s.substring(0, 5);
    String branch = s.substring(5, 10);
    String account = s.substring(10, 21);
    String key = s.substring(21);
    if (!DIGITS.matcher(bank).matches()
        || !DIGITS.matcher(branch).matches()
        || !RIB_ACCOUNT.matcher(account).matches()
        || !DIGITS.matcher(key).matches()) {
      return invalid(k, FORMAT, "expected bank and branch digits, account digits or letters, key");
    }
    if (Checksums.ribKey(bank, branch, account) != Integer.parseInt(key)) {
      return invalid(k, CHECKSUM, "the RIB key does not match");
    }
    return ValidationResult.valid(k, s);
  }

  static String ribKey(String bank, String branch, String account) {
    String b = normalise(bank);
    String g = normalise(branch);
    String a = normalise(account);
    if (b.length() != 5
        || !DIGITS.matcher(b).matches()
        || g.length() != 5
        || !DIGITS.matcher(g).matches()
        || !RIB_ACCOUNT.matcher(a).matches()) {
      throw new InvalidIdentifierException(
          IdentifierKind.RIB, FORMAT, "expected 5-digit bank and branch, 11-character account");
    }
    return String.format(Locale.ROOT, "%02d", Checksums.ribKey(b, g, a));
  }
}
