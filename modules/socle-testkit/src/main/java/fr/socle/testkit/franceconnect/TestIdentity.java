package fr.socle.testkit.franceconnect;

import fr.socle.core.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A citizen of the FranceConnect simulator, with the pivot identity as a FranceConnect identity
 * provider sends it.
 *
 * <p>Empty strings mean "not provided", as on the real service: {@code familyName} is empty for a
 * person without family name, {@code birthplace} is empty for a person born abroad, {@code
 * preferredUsername} (usage name) is empty when there is none. {@code birthdate} is the date as the
 * identity provider knows it ({@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}); the simulator
 * sends it completed with {@code -01} in {@code birthdate} and as is in {@code idp_birthdate}.
 *
 * <p>The constants are the official sandbox account {@code test} (Angela Claire Louise DUBOIS) and
 * edge cases modelled on the official test data sets; {@link #ALL} lists them in page order.
 *
 * @param login the login at the mock identity provider
 * @param label a short French description
 * @param givenNames the first names, in order
 * @param familyName the birth name, upper case, or empty
 * @param preferredUsername the usage name, or empty
 * @param birthdate {@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}
 * @param gender {@code male} or {@code female}
 * @param birthplace the 5-character INSEE COG code of the birth commune, or empty if born abroad
 * @param birthcountry the 5-digit INSEE country code ({@code 99100} for France)
 * @param email the e-mail address
 */
public record TestIdentity(
    String login,
    String label,
    List<String> givenNames,
    String familyName,
    String preferredUsername,
    String birthdate,
    String gender,
    String birthplace,
    String birthcountry,
    String email)
    implements TestUser {

  private static final Pattern BIRTHDATE = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2})?)?");
  private static final Pattern COG = Pattern.compile("[0-9][0-9AB][0-9]{3}");
  private static final Pattern COUNTRY = Pattern.compile("99[0-9]{3}");

  /** The official sandbox account {@code test} / {@code 123}. */
  public static final TestIdentity ANGELA_DUBOIS =
      new TestIdentity(
          "test",
          "Angela Claire Louise DUBOIS (compte officiel « test »)",
          List.of("Angela", "Claire", "Louise"),
          "DUBOIS",
          "",
          "1962-08-24",
          "female",
          "75107",
          "99100",
          "wossewodda-3728@yopmail.com");

  /** A usage name ({@code preferred_username}) different from the birth name. */
  public static final TestIdentity USAGE_NAME =
      new TestIdentity(
          "avec_nom_dusage",
          "Nom d'usage différent du nom de naissance",
          List.of("Marie", "Pierre"),
          "MARTIN",
          "DUBOIS",
          "1978-03-11",
          "female",
          "69123",
          "99100",
          "marie.dubois@yopmail.com");

  /** Born abroad: empty {@code birthplace}, {@code birthcountry} 99134 (Spain). */
  public static final TestIdentity BORN_ABROAD =
      new TestIdentity(
          "ne_a_l_etranger",
          "Né à l'étranger (lieu de naissance vide)",
          List.of("Javier"),
          "GARCIA LOPEZ",
          "",
          "1985-11-02",
          "male",
          "",
          "99134",
          "javier.garcia@yopmail.com");

  /** Born in Corsica: COG code with a letter ({@code 2B002}), accented names. */
  public static final TestIdentity CORSICA =
      new TestIdentity(
          "carac_speciaux",
          "Né en Corse (code 2B), caractères spéciaux",
          List.of("Ève-Marie", "Noël"),
          "D'ÉPERNON-LŒUF",
          "",
          "1991-07-14",
          "female",
          "2B002",
          "99100",
          "eve-marie.depernon@yopmail.com");

  /** First names and family name longer than 50 characters. */
  public static final TestIdentity LONG_NAMES =
      new TestIdentity(
          "nom_50+_caracteres",
          "Prénoms et nom de plus de 50 caractères",
          List.of("Jean-Christophe", "Marie-Dominique", "Alexandre", "Maximilien", "Barthélémy"),
          "DE LA ROCHEFOUCAULD-MONTMORENCY-LAVAL DE SAINT-GERMAIN-EN-LAYE",
          "",
          "1958-02-28",
          "male",
          "78551",
          "99100",
          "jc.delarochefoucauld@yopmail.com");

  /** Birth date known only by year: {@code birthdate} 1947-01-01, {@code idp_birthdate} 1947. */
  public static final TestIdentity PARTIAL_BIRTHDATE =
      new TestIdentity(
          "date_partielle",
          "Date de naissance partielle (année seule)",
          List.of("Ahmed"),
          "BENALI",
          "",
          "1947",
          "male",
          "",
          "99350",
          "ahmed.benali@yopmail.com");

  /** Birth date known by year and month: {@code birthdate} 1969-04-01. */
  public static final TestIdentity PARTIAL_BIRTHDATE_MONTH =
      new TestIdentity(
          "date_partielle_mois",
          "Date de naissance partielle (année et mois)",
          List.of("Lucie"),
          "NGUYEN",
          "",
          "1969-04",
          "female",
          "",
          "99243",
          "lucie.nguyen@yopmail.com");

  /** No family name (empty {@code family_name}). */
  public static final TestIdentity NO_FAMILY_NAME =
      new TestIdentity(
          "sans_nom_de_famille",
          "Sans nom de famille",
          List.of("Tatiana"),
          "",
          "",
          "1990-12-01",
          "female",
          "13055",
          "99100",
          "tatiana@yopmail.com");

  /** Every citizen of the simulator, in the order of the identity page. */
  public static final List<TestIdentity> ALL =
      List.of(
          ANGELA_DUBOIS,
          USAGE_NAME,
          BORN_ABROAD,
          CORSICA,
          LONG_NAMES,
          PARTIAL_BIRTHDATE,
          PARTIAL_BIRTHDATE_MONTH,
          NO_FAMILY_NAME);

  /**
   * Validates the fields and copies the list of first names.
   *
   * @param login the login at the mock identity provider
   * @param label a short French description
   * @param givenNames the first names, in order
   * @param familyName the birth name, upper case, or empty
   * @param preferredUsername the usage name, or empty
   * @param birthdate {@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}
   * @param gender {@code male} or {@code female}
   * @param birthplace the 5-character INSEE COG code of the birth commune, or empty if born abroad
   * @param birthcountry the 5-digit INSEE country code ({@code 99100} for France)
   * @param email the e-mail address
   */
  public TestIdentity {
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(label, "label");
    givenNames = List.copyOf(Objects.requireNonNull(givenNames, "givenNames"));
    Objects.requireNonNull(familyName, "familyName");
    Objects.requireNonNull(preferredUsername, "preferredUsername");
    Objects.requireNonNull(email, "email");
    if (login.isBlank()) {
      throw new InvalidInputException("login must not be blank");
    }
    if (givenNames.isEmpty()) {
      throw new InvalidInputException("at least one given name");
    }
    if (!BIRTHDATE.matcher(Objects.requireNonNull(birthdate, "birthdate")).matches()) {
      throw new InvalidInputException("birthdate must be YYYY, YYYY-MM or YYYY-MM-DD");
    }
    Objects.requireNonNull(gender, "gender");
    Objects.requireNonNull(birthplace, "birthplace");
    if (!"male".equals(gender) && !"female".equals(gender)) {
      throw new InvalidInputException("gender must be male or female");
    }
    if (!birthplace.isEmpty() && !COG.matcher(birthplace).matches()) {
      throw new InvalidInputException("birthplace must be a COG code or empty");
    }
    if (!COUNTRY.matcher(Objects.requireNonNull(birthcountry, "birthcountry")).matches()) {
      throw new InvalidInputException("birthcountry must be a 99XXX INSEE code");
    }
  }

  /**
   * Returns the first names separated by spaces, as in the {@code given_name} claim.
   *
   * @return the first names
   */
  public String givenName() {
    return String.join(" ", givenNames);
  }

  /**
   * Returns the birth date completed with {@code -01} for an unknown month or day, as in the {@code
   * birthdate} claim.
   *
   * @return {@code YYYY-MM-DD}
   */
  public String completedBirthdate() {
    return switch (birthdate.length()) {
      case 4 -> birthdate + "-01-01";
      case 7 -> birthdate + "-01";
      default -> birthdate;
    };
  }

  /** Returns the login and label only: the rest is (fictitious) personal data. */
  @Override
  public String toString() {
    return "TestIdentity[" + login + "]";
  }
}
