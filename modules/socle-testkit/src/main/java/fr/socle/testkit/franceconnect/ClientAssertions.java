package fr.socle.testkit.franceconnect;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import fr.socle.core.InvalidInputException;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks {@code private_key_jwt} client assertions (OpenID Connect Core section 9) against the
 * public keys registered for the service provider, as FranceConnect's provider does: RS256 or ES256
 * on FranceConnect, ES256 only on FranceConnect+ (france-connect sources:
 * back/instances/core-fcp-{low,high}/src/config/oidc-provider.ts, clientAuthSigningAlgValues).
 */
final class ClientAssertions {
  static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  /** The longest assertion lifetime accepted, so that a leaked assertion is not a credential. */
  private static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

  private static final Duration SKEW = Duration.ofSeconds(30);

  private final List<JWK> keys;
  private final Set<JWSAlgorithm> algorithms;
  private final String clientId;
  private final Clock clock;
  private final Map<String, Instant> seenJtis = new ConcurrentHashMap<>();
  private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();

  ClientAssertions(String jwks, Flavour flavour, String clientId, Clock clock) {
    this.algorithms =
        flavour == Flavour.FC_PLUS
            ? Set.of(JWSAlgorithm.ES256)
            : Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);
    this.clientId = clientId;
    this.clock = clock;
    List<JWK> parsed = new ArrayList<>();
    try {
      for (JWK key : JWKSet.parse(jwks).getKeys()) {
        if (key.isPrivate()) {
          throw new InvalidInputException(
              "clientSigningJwks must hold the public half of the client keys only");
        }
        if (key instanceof RSAKey || key instanceof ECKey) {
          parsed.add(key);
        }
      }
    } catch (ParseException e) {
      throw new InvalidInputException("clientSigningJwks is not a valid JWK set", e);
    }
    if (parsed.isEmpty()) {
      throw new InvalidInputException("clientSigningJwks holds no RSA or EC key");
    }
    this.keys = List.copyOf(parsed);
  }

  /**
   * Verifies an assertion.
   *
   * @param assertion the {@code client_assertion}
   * @param audiences the audiences accepted (token endpoint URL, issuer)
   * @return null if valid, else the reason
   */
  String invalid(String assertion, Set<String> audiences) {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(assertion);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      return "client_assertion is not a signed JWT";
    }
    if (!algorithms.contains(jwt.getHeader().getAlgorithm())) {
      return "client_assertion alg is not allowed";
    }
    if (!verified(jwt)) {
      return "client_assertion signature is invalid";
    }
    if (!clientId.equals(claims.getIssuer()) || !clientId.equals(claims.getSubject())) {
      return "client_assertion iss and sub must be the client_id";
    }
    if (claims.getAudience() == null
        || claims.getAudience().stream().noneMatch(audiences::contains)) {
      return "client_assertion aud must be the token endpoint";
    }
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null || !exp.toInstant().plus(SKEW).isAfter(now)) {
      return "client_assertion has expired";
    }
    if (exp.toInstant().isAfter(now.plus(MAX_LIFETIME))) {
      return "client_assertion lives too long";
    }
    String jti = claims.getJWTID();
    if (jti == null || jti.isEmpty()) {
      return "client_assertion has no jti";
    }
    seenJtis.values().removeIf(t -> t.isBefore(now));
    if (seenJtis.putIfAbsent(jti, exp.toInstant().plus(SKEW)) != null) {
      return "client_assertion jti was already used";
    }
    return null;
  }

  private boolean verified(SignedJWT jwt) {
    String kid = jwt.getHeader().getKeyID();
    for (JWK key : keys) {
      if (kid != null && !kid.equals(key.getKeyID())) {
        continue;
      }
      try {
        Key publicKey = key instanceof RSAKey rsa ? rsa.toPublicKey() : ((ECKey) key).toPublicKey();
        JWSVerifier verifier = verifiers.createJWSVerifier(jwt.getHeader(), publicKey);
        if (jwt.verify(verifier)) {
          return true;
        }
      } catch (JOSEException e) {
        // a key of another type: try the next one
      }
    }
    return false;
  }
}
