package fr.socle.refdata.validation;

import static fr.socle.refdata.validation.InvalidReason.CHECKSUM;
import static fr.socle.refdata.validation.InvalidReason.EMPTY;
import static fr.socle.refdata.validation.InvalidReason.FORMAT;
import static fr.socle.refdata.validation.InvalidReason.LENGTH;

import fr.socle.refdata.Commune;
import fr.socle.refdata.Territories;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.iban4j.IbanFormatException;
import org.iban4j.IbanUtil;
import org.iban4j.InvalidCheckDigitException;
import org.iban4j.UnsupportedCountryException;

/**
 * Validates French identifiers. Input is normalised first: spaces (non-breaking ones too), dots,
 * dashes and underscores are removed and letters upper-cased, so {@code "732 829 320"} and {@code
 * "732.829.320"} are the same SIREN. Results are typed: {@link ValidationResult} says valid (with
 * the normalised value) or why not. Nothing is thrown for bad input; {@code null} is rejected with
 * {@link NullPointerException}.
 *
 * <pre>{@code
 * Validators.siren("732 829 320").isValid();            // true
 * Validators.siret("35600000000010", SiretMode.STRICT); // La Poste rule
 * Validators.communeCode("93059", Territories.embedded()).reason(); // OUTDATED (now 93066)
 * }</pre>
 *
 * <p>Stateless and thread-safe. The rules and their sources are in {@code docs/refdata.md}.
 */
public final class Validators {
  private static final String LA_POSTE_SIREN = "356000000";
  private static final String LA_POSTE_HEAD_OFFICE = "35600000000048";
  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final Pattern COMMUNE_CODE =
      Pattern.compile(
          "(0[1-9]|[1-8]\\d|9[0-5]|2[AB])\\d{3}|97[1-6]\\d{2}|(975|977|978|98[4-9])\\d{2}");
  private static final Pattern POSTAL_CODE = Pattern.compile("(0[1-9]|[1-8]\\d|9[0-8])\\d{3}");
  // W, the greffe code (the département: 01-95, 2A/2B, or 9 and a letter for the overseas
  // greffes, e.g. 9R La Réunion, 9M Martinique; then the digit of the préfecture or
  // sous-préfecture), then a six-digit serial. Digit-only 97/98 are kept for overseas numbers
  // issued before the letter codes. Département 00, 96 and 99 have no greffe.
  private static final Pattern RNA =
      Pattern.compile("W(?:0[1-9]|[1-8]\\d|9[0-578]|2[AB]|9[A-Z])\\d{7}");
  private static final Pattern FINESS = Pattern.compile("(\\d{2}|2[AB]|9[A-F])\\d{7}");
  private static final Pattern UAI = Pattern.compile("\\d{7}[A-Z]");
  private static final Pattern NIR =
      Pattern.compile("[1278]\\d{2}(0[1-9]|1[0-2]|[2-9]\\d)(\\d{2}|2[AB])\\d{8}");
  private static final Pattern RIB_ACCOUNT = Pattern.compile("[0-9A-Z]{11}");

  private Validators() {}

  /**
   * Normalises an identifier as every validator does: removes whitespace, dots, dashes and
   * underscores; upper-cases.
   *
   * @param input the raw input
   * @return the normalised string
   */
  public static String normalise(String input) {
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

  /**
   * Validates a SIREN: 9 digits, Luhn key.
   *
   * @param input the SIREN
   * @return the result; qualifier {@link Qualifier#PUBLIC_BODY} for SIRENs starting with 1 or 2
   */
  public static ValidationResult siren(String input) {
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

  /**
   * Validates a SIRET in {@link SiretMode#STRICT} mode.
   *
   * @param input the SIRET
   * @return the result
   */
  public static ValidationResult siret(String input) {
    return siret(input, SiretMode.STRICT);
  }

  /**
   * Validates a SIRET: 14 digits, Luhn key, except for La Poste (see {@link SiretMode}).
   *
   * @param input the SIRET
   * @param mode how La Poste SIRETs are checked
   * @return the result
   */
  public static ValidationResult siret(String input, SiretMode mode) {
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

  /**
   * Validates a French intra-community VAT number: {@code FR}, a 2-character key, a SIREN. Numeric
   * keys are {@code (12 + 3 × (SIREN mod 97)) mod 97}; new-style alphanumeric keys (no I, O) are
   * checked mod 11. Monaco numbers ({@code FRkk000...}) are valid VAT numbers without a SIREN.
   *
   * @param input the number; the {@code FR} prefix is required
   * @return the result
   */
  public static ValidationResult vatNumber(String input) {
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

  /**
   * Computes the French VAT number of a SIREN (numeric key).
   *
   * @param siren a valid SIREN
   * @return for example {@code FR44732829320}
   * @throws InvalidIdentifierException if the SIREN is invalid
   */
  public static String vatNumberOf(String siren) {
    String s = siren(siren).orElseThrow();
    return String.format(Locale.ROOT, "FR%02d%s", Checksums.vatKey(s), s);
  }

  /**
   * Validates a NIR (or temporary NIA): sex (1, 2; 7, 8 for a NIA), year, month (01–12, or 20 and
   * above when unknown), département ({@code 2A}/{@code 2B} in Corsica, 97/98 overseas with a
   * 3-digit commune, 99 abroad with a country code), commune, order number, key {@code 97 − (first
   * 13 digits mod 97)} with 2A → 19 and 2B → 18. The result never prints the value.
   *
   * @param input the 15 characters, spaces allowed
   * @return the result, with {@link Qualifier#CORSICA}, {@link Qualifier#BORN_ABROAD}, {@link
   *     Qualifier#BORN_OVERSEAS} or {@link Qualifier#TEMPORARY_NIA} when they apply
   */
  public static ValidationResult nir(String input) {
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

  /**
   * Validates an IBAN of any country with iban4j (length, structure of the BBAN, ISO 13616 mod 97
   * key). French-format IBANs (FR, MC and the overseas codes) also get their embedded RIB key
   * checked.
   *
   * @param input the IBAN, spaces allowed
   * @return the result
   */
  public static ValidationResult iban(String input) {
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

  /**
   * Validates a French RIB given as 23 characters: bank (5 digits), branch (5 digits), account (11
   * digits or letters), key (2 digits).
   *
   * @param input the RIB, spaces allowed
   * @return the result
   */
  public static ValidationResult rib(String input) {
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

  /**
   * Computes the key of a French RIB: {@code 97 − ((89 × bank + 15 × branch + 3 × account) mod
   * 97)}, letters of the account counting A/J = 1, B/K/S = 2 ... I/R/Z = 9.
   *
   * @param bank the 5-digit bank code
   * @param branch the 5-digit branch (guichet) code
   * @param account the 11-character account number
   * @return the key, 1 to 97, as two digits
   * @throws InvalidIdentifierException if a part is malformed
   */
  public static String ribKey(String bank, String branch, String account) {
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

  /**
   * Checks the format of an INSEE commune code only: two-digit département 01–95 (not 20: Corsican
   * codes start with 2A/2B since 1976), 2A, 2B, DROM 971–976, COM 975, 977, 978, 984, 986–989.
   *
   * @param input the code
   * @return the result, with {@link Qualifier#FORMAT_ONLY}
   */
  public static ValidationResult communeCode(String input) {
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

  /**
   * Checks that an INSEE commune code is the code of a current commune or municipal arrondissement
   * of a COG millésime. The code of a former commune is {@link InvalidReason#OUTDATED}; the detail
   * names its successor, which {@link Territories#commune(String)} returns.
   *
   * @param input the code
   * @param territories the millésime to check against, usually {@link Territories#embedded()}
   * @return the result
   */
  public static ValidationResult communeCode(String input, Territories territories) {
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

  /**
   * Checks the format of a postal code only: 5 digits starting with 01–98 (20 for Corsica). A
   * postal code is not an INSEE code.
   *
   * @param input the postal code
   * @return the result, with {@link Qualifier#FORMAT_ONLY}
   */
  public static ValidationResult postalCode(String input) {
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

  /**
   * Checks that a postal code serves at least one commune of a COG millésime (La Poste codes as
   * shipped by decoupage-administratif; CEDEX codes are not in it).
   *
   * @param input the postal code
   * @param territories the millésime, usually {@link Territories#embedded()}
   * @return the result
   */
  public static ValidationResult postalCode(String input, Territories territories) {
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

  /**
   * Checks the format of an RNA number: {@code W} followed by 9 characters, the three-character
   * code of the greffe (the département — two digits, {@code 2A}/{@code 2B} in Corsica, {@code 9}
   * and a letter overseas such as {@code 9R} La Réunion or {@code 9M} Martinique — then the digit
   * of the préfecture or sous-préfecture), then a six-digit serial. RNA numbers carry no key.
   *
   * @param input the number
   * @return the result, with {@link Qualifier#FORMAT_ONLY}
   */
  public static ValidationResult rna(String input) {
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

  /**
   * Validates a FINESS number: 9 characters, a département prefix then digits, the last one a Luhn
   * key over the nine digits. With a letter in the prefix (Corsica 2A/2B) the key is not verified:
   * how the letter counts is not published.
   *
   * @param input the number
   * @return the result
   */
  public static ValidationResult finess(String input) {
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

  /**
   * Validates a UAI (ex-RNE): 7 digits and a letter, the letter being {@code
   * "ABCDEFGHJKLMNPRSTUVWXYZ"[first 7 digits mod 23]}.
   *
   * @param input the UAI
   * @return the result
   */
  public static ValidationResult uai(String input) {
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

  private static boolean publicBody(String s) {
    return s.charAt(0) == '1' || s.charAt(0) == '2';
  }

  private static Optional<ValidationResult> digits(IdentifierKind k, String s, int length) {
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

  private static ValidationResult invalid(IdentifierKind k, InvalidReason r, String detail) {
    return ValidationResult.invalid(k, r, detail);
  }
}
