package fr.socle.testkit.franceconnect;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the simulator knows of an access token it issued, as FranceConnect tells a data provider
 * that checks the token ({@code token_introspection}: {@code active}, {@code exp}, {@code scope}
 * and the user's claims released by those scopes; apistration mocks/payloads/france_connect/*.yml).
 *
 * <p>Holds personal data: {@link #toString()} shows the scopes and the expiry only. Immutable.
 *
 * @param active whether the token is still valid (not expired) at the simulator's clock
 * @param expiresAt when the token expires
 * @param scopes the scopes granted to the token
 * @param claims the user's claims released by those scopes ({@code family_name}, {@code
 *     given_name}, {@code gender}, {@code birthdate}, {@code birthplace}, {@code birthcountry}...)
 */
public record TokenIntrospection(
    boolean active, Instant expiresAt, List<String> scopes, Map<String, Object> claims) {

  /**
   * Validates and copies.
   *
   * @param active whether the token is still valid (not expired) at the simulator's clock
   * @param expiresAt when the token expires
   * @param scopes the scopes granted to the token
   * @param claims the user's claims released by those scopes ({@code family_name}, {@code
   *     given_name}, {@code gender}, {@code birthdate}, {@code birthplace}, {@code
   *     birthcountry}...)
   */
  public TokenIntrospection {
    Objects.requireNonNull(expiresAt, "expiresAt");
    scopes = List.copyOf(scopes);
    claims = Map.copyOf(claims);
  }

  @Override
  public String toString() {
    return "TokenIntrospection[active="
        + active
        + ", expiresAt="
        + expiresAt
        + ", scopes="
        + scopes
        + ", claims="
        + claims.keySet()
        + "]";
  }
}
