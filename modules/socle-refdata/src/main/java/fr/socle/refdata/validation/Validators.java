package fr.socle.refdata.validation;

import fr.socle.refdata.Territories;

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

  private Validators() {}

  /**
   * Normalises an identifier as every validator does: removes whitespace, dots, dashes and
   * underscores; upper-cases.
   *
   * @param input the raw input
   * @return the normalised string
   */
  public static String normalise(String input) {
    return IdentifierSupport.normalise(input);
  }

  /**
   * Validates a SIREN: 9 digits, Luhn key.
   *
   * @param input the SIREN
   * @return the result; qualifier {@link Qualifier#PUBLIC_BODY} for SIRENs starting with 1 or 2
   */
  public static ValidationResult siren(String input) {
    return CompanyIdentifiers.siren(input);
  }

  /**
   * Validates a SIRET in {@link SiretMode#STRICT} mode.
   *
   * @param input the SIRET
   * @return the result
   */
  public static ValidationResult siret(String input) {
    return CompanyIdentifiers.siret(input);
  }

  /**
   * Validates a SIRET: 14 digits, Luhn key, except for La Poste (see {@link SiretMode}).
   *
   * @param input the SIRET
   * @param mode how La Poste SIRETs are checked
   * @return the result
   */
  public static ValidationResult siret(String input, SiretMode mode) {
    return CompanyIdentifiers.siret(input, mode);
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
    return CompanyIdentifiers.vatNumber(input);
  }

  /**
   * Computes the French VAT number of a SIREN (numeric key).
   *
   * @param siren a valid SIREN
   * @return for example {@code FR44732829320}
   * @throws InvalidIdentifierException if the SIREN is invalid
   */
  public static String vatNumberOf(String siren) {
    return CompanyIdentifiers.vatNumberOf(siren);
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
    return PersonIdentifiers.nir(input);
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
    return BankIdentifiers.iban(input);
  }

  /**
   * Validates a French RIB given as 23 characters: bank (5 digits), branch (5 digits), account (11
   * digits or letters), key (2 digits).
   *
   * @param input the RIB, spaces allowed
   * @return the result
   */
  public static ValidationResult rib(String input) {
    return BankIdentifiers.rib(input);
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
    return BankIdentifiers.ribKey(bank, branch, account);
  }

  /**
   * Checks the format of an INSEE commune code only: two-digit département 01–95 (not 20: Corsican
   * codes start with 2A/2B since 1976), 2A, 2B, DROM 971–976, COM 975, 977, 978, 984, 986–989.
   *
   * @param input the code
   * @return the result, with {@link Qualifier#FORMAT_ONLY}
   */
  public static ValidationResult communeCode(String input) {
    return TerritorialCodes.communeCode(input);
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
    return TerritorialCodes.communeCode(input, territories);
  }

  /**
   * Checks the format of a postal code only: 5 digits starting with 01–98 (20 for Corsica). A
   * postal code is not an INSEE code.
   *
   * @param input the postal code
   * @return the result, with {@link Qualifier#FORMAT_ONLY}
   */
  public static ValidationResult postalCode(String input) {
    return TerritorialCodes.postalCode(input);
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
    return TerritorialCodes.postalCode(input, territories);
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
    return CompanyIdentifiers.rna(input);
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
    return EstablishmentIdentifiers.finess(input);
  }

  /**
   * Validates a UAI (ex-RNE): 7 digits and a letter, the letter being {@code
   * "ABCDEFGHJKLMNPRSTUVWXYZ"[first 7 digits mod 23]}.
   *
   * @param input the UAI
   * @return the result
   */
  public static ValidationResult uai(String input) {
    return EstablishmentIdentifiers.uai(input);
  }
}
