package fr.socle.identity.internal;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import fr.socle.core.json.Json;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * Signs the authorization request into a request object (OpenID Connect Core section 6.1, RFC
 * 9101): every parameter as a claim ({@code claims} as a JSON object), {@code iss} the client id,
 * {@code aud} the provider's issuer, a random {@code jti} and a five-minute lifetime. The plain
 * parameters are sent as well, which OpenID Connect allows (the request object's values win), so
 * that a provider reading only the query still sees a complete request.
 */
public final class RequestObject {
  static final long LIFETIME_SECONDS = 300;

  private RequestObject() {}

  /**
   * Signs the parameters.
   *
   * @param key the client's private RSA or P-256 key (RS256 or ES256)
   * @param clientId the client id
   * @param issuer the provider's issuer
   * @param params the authorization parameters
   * @param now the current time
   * @param json the JSON facade, to embed {@code claims} as an object
   * @return the compact JWS
   */
  public static String sign(
      JWK key, String clientId, String issuer, Map<String, String> params, Instant now, Json json) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(clientId)
            .audience(issuer)
            .jwtID(UUID.randomUUID().toString())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(LIFETIME_SECONDS)));
    params.forEach(
        (name, value) ->
            claims.claim(name, name.equals("claims") ? json.read(value, Map.class) : value));
    return ClientAuthentication.sign(key, claims.build());
  }
}
