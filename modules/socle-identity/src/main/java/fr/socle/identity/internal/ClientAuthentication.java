package fr.socle.identity.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import fr.socle.core.InvalidInputException;
import fr.socle.core.Secret;
import fr.socle.core.SocleClientException;
import fr.socle.core.http.HttpRequest;
import fr.socle.identity.TokenEndpointAuth;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * How the client proves its identity at the token endpoint: {@code client_secret_post}, {@code
 * client_secret_basic} or {@code private_key_jwt} (OpenID Connect Core section 9).
 *
 * <p>A {@code private_key_jwt} assertion is signed with RS256 (RSA key) or ES256 (P-256 key), names
 * the client as {@code iss} and {@code sub}, the token endpoint as {@code aud}, has a random {@code
 * jti} and lives 60 seconds; a new one is made for every request.
 *
 * <p>Thread-safe.
 */
public final class ClientAuthentication {
  private static final String ASSERTION_TYPE =
      "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  private static final long ASSERTION_LIFETIME_SECONDS = 60;

  private final TokenEndpointAuth method;
  private final String clientId;
  private final Secret secret;
  private final JWK key;
  private final Clock clock;

  private ClientAuthentication(
      TokenEndpointAuth method, String clientId, Secret secret, JWK key, Clock clock) {
    this.method = Objects.requireNonNull(method, "method");
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    this.secret = secret;
    this.key = key;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Creates the authentication.
   *
   * @param method the method
   * @param clientId the client id
   * @param secret the client secret (secret methods)
   * @param key the private RSA or P-256 key ({@code private_key_jwt})
   * @param clock the clock of the assertions' times
   * @return the authentication
   * @throws InvalidInputException if the method's credential is missing
   */
  public static ClientAuthentication of(
      TokenEndpointAuth method, String clientId, Secret secret, JWK key, Clock clock) {
    if (method == TokenEndpointAuth.PRIVATE_KEY_JWT) {
      if (!(key instanceof RSAKey || key instanceof ECKey) || !key.isPrivate()) {
        throw new InvalidInputException(
            "clientSigningKey is required for private_key_jwt: call clientSigningKey(...)");
      }
    } else if (secret == null) {
      throw new InvalidInputException(
          "clientSecret is required for " + method + ": call clientSecret(...)");
    }
    return new ClientAuthentication(method, clientId, secret, key, clock);
  }

  /**
   * Returns the algorithm of the assertions.
   *
   * @param key an RSA or EC key
   * @return RS256 or ES256
   */
  public static JWSAlgorithm algorithm(JWK key) {
    return key instanceof RSAKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
  }

  /**
   * Returns the method.
   *
   * @return the method
   */
  public TokenEndpointAuth method() {
    return method;
  }

  /**
   * Adds the credentials to a token (or revocation) request.
   *
   * @param request the request, for the Basic header
   * @param form the form body, for the other methods
   * @param endpoint the endpoint, audience of an assertion
   */
  public void apply(HttpRequest.Builder request, Map<String, String> form, URI endpoint) {
    switch (method) {
      case CLIENT_SECRET_POST -> {
        form.put("client_id", clientId);
        form.put("client_secret", secret.reveal());
      }
      case CLIENT_SECRET_BASIC -> {
        // RFC 6749 section 2.3.1: both halves form-encoded before Base64.
        String user = URLEncoder.encode(clientId, StandardCharsets.UTF_8);
        String pass = URLEncoder.encode(secret.reveal(), StandardCharsets.UTF_8);
        request.header(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8)));
      }
      case PRIVATE_KEY_JWT -> {
        form.put("client_id", clientId);
        form.put("client_assertion_type", ASSERTION_TYPE);
        form.put("client_assertion", assertion(endpoint));
      }
    }
  }

  private String assertion(URI endpoint) {
    Instant now = clock.instant();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(clientId)
            .subject(clientId)
            .audience(endpoint.toString())
            .jwtID(UUID.randomUUID().toString())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(ASSERTION_LIFETIME_SECONDS)))
            .build();
    return sign(key, claims);
  }

  /**
   * Signs claims with a client key (assertions, request objects).
   *
   * @param key a private RSA or P-256 key
   * @param claims the claims
   * @return the compact JWS
   */
  static String sign(JWK key, JWTClaimsSet claims) {
    try {
      JWSSigner signer =
          key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(algorithm(key)).keyID(key.getKeyID()).build(), claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new SocleClientException("cannot sign with the client key", e);
    }
  }

  @Override
  public String toString() {
    return "ClientAuthentication[" + method + "]";
  }
}
