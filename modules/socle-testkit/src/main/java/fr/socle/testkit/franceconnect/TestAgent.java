package fr.socle.testkit.franceconnect;

import fr.socle.core.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A public agent of the ProConnect simulator, with the claims a ProConnect identity provider sends.
 * Empty strings mean "not provided".
 *
 * @param login the login typed on ProConnect (an e-mail address)
 * @param label a short French description
 * @param givenName the first names
 * @param usualName the usage family name ({@code usual_name})
 * @param email the professional e-mail address
 * @param uid the agent's identifier at the identity provider
 * @param siret the 14-digit SIRET of the agent's organisation
 * @param organizationalUnit the department, or empty
 * @param belongingPopulation {@code agent}, {@code prestataire}, ..., or empty
 * @param phoneNumber the phone number, or empty
 * @param idpId the identifier of the identity provider in the federation
 */
public record TestAgent(
    String login,
    String label,
    String givenName,
    String usualName,
    String email,
    String uid,
    String siret,
    String organizationalUnit,
    String belongingPopulation,
    String phoneNumber,
    String idpId)
    implements TestUser {

  private static final Pattern SIRET = Pattern.compile("[0-9]{14}");

  /** The official integration account {@code test@fia1.fr} (demo identity provider). */
  public static final TestAgent DEMO_AGENT =
      new TestAgent(
          "test@fia1.fr",
          "Agent du FI de démonstration (compte officiel test@fia1.fr)",
          "Angela Claire Louise",
          "DUBOIS",
          "test@fia1.fr",
          "1",
          "13002526500013",
          "Comptabilité",
          "agent",
          "0123456789",
          "fia1v2");

  /** A ProConnect Identité user of the DINUM, with only the mandatory claims. */
  public static final TestAgent PROCONNECT_IDENTITE_USER =
      new TestAgent(
          "user@yopmail.com",
          "Utilisateur ProConnect Identité (DINUM)",
          "Jean",
          "USER",
          "user@yopmail.com",
          "3a7f2c94",
          "13002526500013",
          "",
          "",
          "",
          "proconnect-identite");

  /** A contractor ({@code belonging_population} {@code prestataire}) with a long name. */
  public static final TestAgent CONTRACTOR =
      new TestAgent(
          "prestataire@fia1.fr",
          "Prestataire, nom de plus de 50 caractères",
          "Marie-Dominique Jean-Christophe",
          "DE LA ROCHEFOUCAULD-MONTMORENCY-LAVAL DE SAINT-GERMAIN",
          "prestataire@fia1.fr",
          "42",
          "21340172200015",
          "Direction du numérique",
          "prestataire",
          "",
          "fia1v2");

  /** Every agent of the simulator, in the order of the identity page. */
  public static final List<TestAgent> ALL =
      List.of(DEMO_AGENT, PROCONNECT_IDENTITE_USER, CONTRACTOR);

  /**
   * Validates the fields.
   *
   * @param login the login typed on ProConnect (an e-mail address)
   * @param label a short French description
   * @param givenName the first names
   * @param usualName the usage family name ({@code usual_name})
   * @param email the professional e-mail address
   * @param uid the agent's identifier at the identity provider
   * @param siret the 14-digit SIRET of the agent's organisation
   * @param organizationalUnit the department, or empty
   * @param belongingPopulation {@code agent}, {@code prestataire}, ..., or empty
   * @param phoneNumber the phone number, or empty
   * @param idpId the identifier of the identity provider in the federation
   */
  public TestAgent {
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(givenName, "givenName");
    Objects.requireNonNull(usualName, "usualName");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(organizationalUnit, "organizationalUnit");
    Objects.requireNonNull(belongingPopulation, "belongingPopulation");
    Objects.requireNonNull(phoneNumber, "phoneNumber");
    Objects.requireNonNull(idpId, "idpId");
    if (!SIRET.matcher(Objects.requireNonNull(siret, "siret")).matches()) {
      throw new InvalidInputException("siret must have 14 digits");
    }
    if (login.isBlank() || uid.isBlank() || idpId.isBlank()) {
      throw new InvalidInputException("login, uid and idpId must not be blank");
    }
  }

  @Override
  public String toString() {
    return "TestAgent[" + login + "]";
  }
}
