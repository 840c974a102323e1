package fr.socle.onceonly;

import fr.socle.core.Secret;
import java.util.Objects;

/**
 * Whom an API Particulier call is about, and so which route it takes: by pivot identity ({@code
 * /identite}, the vendor's token authenticates) or by the user's FranceConnect access token ({@code
 * /france_connect}, the access token replaces the vendor's token and the API reads the identity
 * from FranceConnect: nothing to type, nothing to get wrong).
 *
 * <pre>{@code
 * Usager.parFranceConnect(Secret.of(session.accessToken()))
 * Usager.parIdentite(identite)
 * }</pre>
 */
public sealed interface Usager permits Usager.ParIdentite, Usager.ParFranceConnect {

  /**
   * Looks the person up by pivot identity.
   *
   * @param identite the identity
   * @return the subject
   */
  static Usager parIdentite(Identite identite) {
    return new ParIdentite(identite);
  }

  /**
   * Looks the signed-in user up through FranceConnect. The access token must have been granted the
   * scopes of the data (for the quotient familial: {@code cnaf_quotient_familial}, {@code
   * cnaf_allocataires}, {@code cnaf_enfants}).
   *
   * @param accessToken the user's FranceConnect access token
   * @return the subject
   */
  static Usager parFranceConnect(Secret accessToken) {
    return new ParFranceConnect(accessToken);
  }

  /**
   * By pivot identity.
   *
   * @param identite the identity
   */
  record ParIdentite(Identite identite) implements Usager {
    /**
     * Validates the subject.
     *
     * @param identite the identity
     */
    public ParIdentite {
      Objects.requireNonNull(identite, "identite");
    }
  }

  /**
   * By FranceConnect access token.
   *
   * @param accessToken the user's access token; printed redacted
   */
  record ParFranceConnect(Secret accessToken) implements Usager {
    /**
     * Validates the subject.
     *
     * @param accessToken the user's access token; printed redacted
     */
    public ParFranceConnect {
      Objects.requireNonNull(accessToken, "accessToken");
    }
  }
}
