package fr.socle.identity;

import fr.socle.core.InvalidInputException;
import java.util.Objects;

/**
 * An OAuth scope requested at login. The constants cover FranceConnect and ProConnect's scopes,
 * including FranceConnect's aliases ({@link #PROFILE}, {@link #BIRTH}, {@link #IDENTITE_PIVOT});
 * {@link #of(String)} names any other one (data-provider scopes, {@code rnipp_*} on
 * FranceConnect+). {@code openid} is always sent, whether listed or not.
 *
 * <p>A provider only releases the scopes granted to the application (DataPass habilitation for
 * FranceConnect): asking for more fails at the provider.
 *
 * @param value the scope token as sent to the provider
 */
public record Scope(String value) {
  /** {@code openid}: the subject identifier; always sent. */
  public static final Scope OPENID = new Scope("openid");

  /** {@code given_name}: given names (and {@code given_name_array} on FranceConnect). */
  public static final Scope GIVEN_NAME = new Scope("given_name");

  /** {@code family_name}: birth name. */
  public static final Scope FAMILY_NAME = new Scope("family_name");

  /** {@code birthdate}: birth date, {@code -01} filling unknown month or day. */
  public static final Scope BIRTHDATE = new Scope("birthdate");

  /** {@code gender}: {@code male} or {@code female}. */
  public static final Scope GENDER = new Scope("gender");

  /** {@code birthplace}: INSEE COG code of the birth commune, empty when born abroad. */
  public static final Scope BIRTHPLACE = new Scope("birthplace");

  /** {@code birthcountry}: INSEE code of the birth country ({@code 99100} for France). */
  public static final Scope BIRTHCOUNTRY = new Scope("birthcountry");

  /** {@code email}. */
  public static final Scope EMAIL = new Scope("email");

  /** {@code preferred_username}: usage name, may be absent. */
  public static final Scope PREFERRED_USERNAME = new Scope("preferred_username");

  /**
   * FranceConnect alias {@code profile}: given names, family name, birth date, gender, usage name.
   */
  public static final Scope PROFILE = new Scope("profile");

  /** FranceConnect alias {@code birth}: birthplace and birth country. */
  public static final Scope BIRTH = new Scope("birth");

  /**
   * FranceConnect alias {@code identite_pivot}: the pivot identity (given names, family name, birth
   * date, gender, birthplace, birth country).
   */
  public static final Scope IDENTITE_PIVOT = new Scope("identite_pivot");

  /** FranceConnect {@code idp_birthdate}: the birth date as the identity provider sent it. */
  public static final Scope IDP_BIRTHDATE = new Scope("idp_birthdate");

  /** FranceConnect {@code idp_id}: which identity provider the user chose. */
  public static final Scope IDP_ID = new Scope("idp_id");

  /** {@code amr}: authentication methods. */
  public static final Scope AMR = new Scope("amr");

  /** ProConnect {@code usual_name}: the agent's usage family name. */
  public static final Scope USUAL_NAME = new Scope("usual_name");

  /** ProConnect {@code uid}: the agent's identifier at its identity provider. */
  public static final Scope UID = new Scope("uid");

  /** ProConnect {@code siret}: the agent's establishment (14 digits). */
  public static final Scope SIRET = new Scope("siret");

  /** ProConnect {@code siren}. */
  public static final Scope SIREN = new Scope("siren");

  /** ProConnect {@code organizational_unit}. */
  public static final Scope ORGANIZATIONAL_UNIT = new Scope("organizational_unit");

  /** ProConnect {@code belonging_population}: agent, prestataire, partenaire, stagiaire... */
  public static final Scope BELONGING_POPULATION = new Scope("belonging_population");

  /**
   * ProConnect {@code roles}: the kind of organisation the agent works for ({@link
   * Identity#roles()}).
   */
  public static final Scope ROLES = new Scope("roles");

  /** ProConnect {@code organization_label}: the display name of the agent's organisation. */
  public static final Scope ORGANIZATION_LABEL = new Scope("organization_label");

  /**
   * ProConnect {@code phone}: {@code phone_number}. FranceConnect v2 and FranceConnect+ no longer
   * have a {@code phone} (nor {@code address}) scope.
   */
  public static final Scope PHONE = new Scope("phone");

  /**
   * Validates the token syntax of RFC 6749 section 3.3.
   *
   * @param value the scope token as sent to the provider
   * @throws NullPointerException if the value is null
   * @throws InvalidInputException if the value is empty or has a forbidden character
   */
  public Scope {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new InvalidInputException("scope must not be empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c == 0x22 || c == 0x5C || c > 0x7E) {
        throw new InvalidInputException("scope contains a character RFC 6749 forbids");
      }
    }
  }

  /**
   * Names any scope.
   *
   * @param value the scope token
   * @return the scope
   * @throws InvalidInputException if the value is not a valid scope token
   */
  public static Scope of(String value) {
    return new Scope(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
