package fr.socle.identity.internal;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEDecrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWEDecrypterFactory;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import fr.socle.identity.IdentityProviderException;
import fr.socle.identity.InvalidTokenException;
import fr.socle.identity.InvalidTokenException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies ID tokens and signed userinfo responses: the whole cryptographic and claims work of a
 * login callback, without any HTTP other than what the key source does on a cache miss.
 *
 * <p>Thread-safe once built.
 */
public final class TokenValidator {
  private static final Set<JWSAlgorithm> ASYMMETRIC =
      Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.PS256);

  // RSA-OAEP (SHA-1) is deprecated by Nimbus but FranceConnect+ still encrypts with it for the
  // service providers that registered it (docs/identity.md, FranceConnect+ keys): accepted on
  // purpose, only where the suppression is needed.
  @SuppressWarnings("deprecation")
  private static final Set<JWEAlgorithm> JWE_ALGS =
      Set.of(JWEAlgorithm.RSA_OAEP_256, JWEAlgorithm.RSA_OAEP, JWEAlgorithm.ECDH_ES);

  /**
   * What the validator accepts.
   *
   * @param issuer the exact issuer
   * @param clientId the client id (audience)
   * @param algorithms the accepted signature algorithms (HS256 only with an HMAC secret)
   * @param requireEncryption true on FranceConnect+: tokens must be JWE wrapping a JWS
   * @param requireAccessTokenHash true when the provider always sends {@code at_hash}
   * @param clockSkew tolerance on {@code exp} and {@code iat}
   */
  public record Policy(
      String issuer,
      String clientId,
      Set<JWSAlgorithm> algorithms,
      boolean requireEncryption,
      boolean requireAccessTokenHash,
      Duration clockSkew) {
    /** Copies the set and checks the fields. */
    public Policy {
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(clientId, "clientId");
      algorithms = Set.copyOf(algorithms);
      Objects.requireNonNull(clockSkew, "clockSkew");
    }
  }

  /**
   * The result of an ID token verification.
   *
   * @param claims the verified claims
   * @param signedToken the compact JWS that was verified (the inner token when encrypted)
   */
  public record VerifiedToken(JWTClaimsSet claims, String signedToken) {}

  private final Policy policy;
  private final JWSVerificationKeySelector<SecurityContext> keySelector;
  private final SecretKeySpec hmacKey;
  private final JWKSet decryptionKeys;
  private final Clock clock;
  private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();
  private final DefaultJWEDecrypterFactory decrypters = new DefaultJWEDecrypterFactory();

  /**
   * Creates a validator.
   *
   * @param policy what to accept
   * @param providerKeys the provider's public keys (a caching, refreshing source in production)
   * @param hmacSecret the client secret for HS256, or null when HS256 is not allowed
   * @param decryptionKeys the application's private keys for JWE, or null
   * @param clock the clock
   */
  public TokenValidator(
      Policy policy,
      JWKSource<SecurityContext> providerKeys,
      byte[] hmacSecret,
      JWKSet decryptionKeys,
      Clock clock) {
    this.policy = Objects.requireNonNull(policy, "policy");
    Set<JWSAlgorithm> asymmetric = new HashSet<>(policy.algorithms());
    asymmetric.retainAll(ASYMMETRIC);
    this.keySelector = new JWSVerificationKeySelector<>(asymmetric, providerKeys);
    this.hmacKey =
        hmacSecret != null && policy.algorithms().contains(JWSAlgorithm.HS256)
            ? new SecretKeySpec(hmacSecret, "HmacSHA256")
            : null;
    this.decryptionKeys = decryptionKeys;
    this.clock = Objects.requireNonNull(clock, "clock");
    if (policy.requireEncryption() && decryptionKeys == null) {
      throw new IllegalArgumentException("encrypted tokens need decryption keys");
    }
  }

  /**
   * Verifies an ID token (OpenID Connect Core section 3.1.3.7).
   *
   * @param token the token as received
   * @param expectedNonce the nonce sent at the start of the login
   * @param accessToken the access token received with it, for {@code at_hash}
   * @return the verified claims and signed token
   * @throws InvalidTokenException if any check fails
   * @throws IdentityProviderException if the provider's keys cannot be obtained
   */
  public VerifiedToken validateIdToken(String token, String expectedNonce, String accessToken) {
    SignedJWT jws = unwrap(token, "ID token");
    JWTClaimsSet claims = verifySignature(jws, "ID token");
    Instant now = clock.instant();
    requireIssuer(claims, "ID token");
    String sub = claims.getSubject();
    if (sub == null || sub.isEmpty()) {
      throw new InvalidTokenException(Reason.MISSING_CLAIM, "ID token has no sub");
    }
    requireAudience(claims, "ID token");
    requireTimes(claims, now, true, "ID token");
    Object nonce = claims.getClaim("nonce");
    if (!(nonce instanceof String n)
        || !MessageDigest.isEqual(
            n.getBytes(StandardCharsets.UTF_8), expectedNonce.getBytes(StandardCharsets.UTF_8))) {
      throw new InvalidTokenException(
          Reason.NONCE, "ID token nonce is missing or differs from the login's");
    }
    Object atHash = claims.getClaim("at_hash");
    if (atHash == null) {
      if (policy.requireAccessTokenHash()) {
        throw new InvalidTokenException(Reason.MISSING_CLAIM, "ID token has no at_hash");
      }
    } else if (!(atHash instanceof String h) || !h.equals(accessTokenHash(accessToken))) {
      throw new InvalidTokenException(
          Reason.ACCESS_TOKEN_HASH, "ID token at_hash does not match the access token");
    }
    return new VerifiedToken(claims, jws.serialize());
  }

  /**
   * Verifies a userinfo response sent as a JWT ({@code application/jwt}).
   *
   * @param token the body
   * @param expectedSubject the ID token's {@code sub}
   * @return the verified claims
   * @throws InvalidTokenException if any check fails
   * @throws IdentityProviderException if the provider's keys cannot be obtained
   */
  public JWTClaimsSet validateUserinfo(String token, String expectedSubject) {
    SignedJWT jws = unwrap(token, "userinfo");
    JWTClaimsSet claims = verifySignature(jws, "userinfo");
    if (claims.getIssuer() != null) {
      requireIssuer(claims, "userinfo");
    }
    if (claims.getAudience() != null && !claims.getAudience().isEmpty()) {
      requireAudience(claims, "userinfo");
    }
    requireTimes(claims, clock.instant(), false, "userinfo");
    requireSubject(claims.getClaim("sub"), expectedSubject);
    return claims;
  }

  /**
   * Checks that a plain JSON userinfo has the ID token's subject.
   *
   * @param sub the userinfo {@code sub}
   * @param expectedSubject the ID token's {@code sub}
   * @throws InvalidTokenException if they differ
   */
  public static void requireSubject(Object sub, String expectedSubject) {
    if (!(sub instanceof String s) || !s.equals(expectedSubject)) {
      throw new InvalidTokenException(
          Reason.SUBJECT_MISMATCH, "userinfo sub is missing or differs from the ID token's");
    }
  }

  private SignedJWT unwrap(String token, String what) {
    if (token == null || token.isEmpty()) {
      throw new InvalidTokenException(Reason.MALFORMED, what + " is missing");
    }
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException e) {
      throw new InvalidTokenException(Reason.MALFORMED, what + " is not a compact JWT");
    }
    if (jwt instanceof PlainJWT) {
      throw new InvalidTokenException(Reason.ALGORITHM, what + " is unsigned (alg none)");
    }
    if (jwt instanceof EncryptedJWT jwe) {
      if (decryptionKeys == null) {
        throw new InvalidTokenException(
            Reason.DECRYPTION, what + " is encrypted but no decryption key is configured");
      }
      return decrypt(jwe, what);
    }
    if (policy.requireEncryption()) {
      throw new InvalidTokenException(
          Reason.ALGORITHM, what + " must be encrypted to the application's key");
    }
    return (SignedJWT) jwt;
  }

  private SignedJWT decrypt(JWEObject jwe, String what) {
    JWEHeader header = jwe.getHeader();
    if (!JWE_ALGS.contains(header.getAlgorithm())
        || !EncryptionMethod.A256GCM.equals(header.getEncryptionMethod())) {
      throw new InvalidTokenException(
          Reason.ALGORITHM, what + " is encrypted with an algorithm that is not accepted");
    }
    List<JWK> candidates = new JWKSelector(JWKMatcher.forJWEHeader(header)).select(decryptionKeys);
    for (JWK key : candidates) {
      try {
        JWEDecrypter decrypter = decrypters.createJWEDecrypter(header, toPrivateKey(key));
        jwe.decrypt(decrypter);
        SignedJWT inner = jwe.getPayload().toSignedJWT();
        if (inner == null) {
          throw new InvalidTokenException(
              Reason.MALFORMED, what + " does not contain a signed token");
        }
        return inner;
      } catch (JOSEException | IllegalStateException e) {
        // try the next key
      }
    }
    throw new InvalidTokenException(Reason.DECRYPTION, what + " could not be decrypted");
  }

  private static Key toPrivateKey(JWK key) throws JOSEException {
    if (key instanceof com.nimbusds.jose.jwk.RSAKey rsa) {
      return rsa.toPrivateKey();
    }
    if (key instanceof com.nimbusds.jose.jwk.ECKey ec) {
      return ec.toPrivateKey();
    }
    throw new JOSEException("unsupported key type");
  }

  private JWTClaimsSet verifySignature(SignedJWT jws, String what) {
    JWSHeader header = jws.getHeader();
    JWSAlgorithm alg = header.getAlgorithm();
    if (!policy.algorithms().contains(alg) || (JWSAlgorithm.HS256.equals(alg) && hmacKey == null)) {
      throw new InvalidTokenException(
          Reason.ALGORITHM, what + " is signed with " + alg + ", which this provider may not use");
    }
    List<? extends Key> keys;
    if (JWSAlgorithm.HS256.equals(alg)) {
      keys = List.of(hmacKey);
    } else {
      try {
        keys = keySelector.selectJWSKeys(header, null);
      } catch (RateLimitReachedException e) {
        // The keys were refreshed moments ago and still do not have this kid.
        keys = List.of();
      } catch (KeySourceException e) {
        throw new IdentityProviderException(
            "the provider's signing keys could not be obtained", 0, null, null, e);
      }
    }
    if (keys.isEmpty()) {
      throw new InvalidTokenException(
          Reason.UNKNOWN_KEY, what + " is signed with a key the provider does not publish");
    }
    for (Key key : keys) {
      try {
        JWSVerifier verifier = verifiers.createJWSVerifier(header, key);
        if (jws.verify(verifier)) {
          return jws.getJWTClaimsSet();
        }
      } catch (JOSEException e) {
        // unusable key for this header: try the next one
      } catch (ParseException e) {
        throw new InvalidTokenException(Reason.MALFORMED, what + " claims are not a JSON object");
      }
    }
    throw new InvalidTokenException(Reason.SIGNATURE, what + " signature is invalid");
  }

  private void requireIssuer(JWTClaimsSet claims, String what) {
    if (!policy.issuer().equals(claims.getIssuer())) {
      throw new InvalidTokenException(Reason.ISSUER, what + " iss is not the provider's issuer");
    }
  }

  private void requireAudience(JWTClaimsSet claims, String what) {
    List<String> aud = claims.getAudience();
    if (aud == null || !aud.contains(policy.clientId())) {
      throw new InvalidTokenException(Reason.AUDIENCE, what + " aud does not contain the client");
    }
    Object azp = claims.getClaim("azp");
    if (azp != null && !policy.clientId().equals(azp)) {
      throw new InvalidTokenException(Reason.AUTHORIZED_PARTY, what + " azp is another client");
    }
    if (aud.size() > 1 && azp == null) {
      throw new InvalidTokenException(
          Reason.AUTHORIZED_PARTY, what + " has several audiences and no azp");
    }
  }

  private void requireTimes(JWTClaimsSet claims, Instant now, boolean required, String what) {
    Date exp;
    Date iat;
    try {
      exp = claims.getDateClaim("exp");
      iat = claims.getDateClaim("iat");
    } catch (ParseException e) {
      throw new InvalidTokenException(Reason.MALFORMED, what + " exp or iat is not a number");
    }
    if (required && exp == null) {
      throw new InvalidTokenException(Reason.MISSING_CLAIM, what + " has no exp");
    }
    if (required && iat == null) {
      throw new InvalidTokenException(Reason.MISSING_CLAIM, what + " has no iat");
    }
    Duration skew = policy.clockSkew();
    if (exp != null && !now.isBefore(exp.toInstant().plus(skew))) {
      throw new InvalidTokenException(Reason.EXPIRED, what + " has expired");
    }
    if (iat != null && iat.toInstant().isAfter(now.plus(skew))) {
      throw new InvalidTokenException(Reason.ISSUED_IN_FUTURE, what + " is issued in the future");
    }
  }

  /**
   * Computes {@code at_hash} for SHA-256 based algorithms (ES256, RS256, PS256, HS256): the
   * base64url of the left half of the SHA-256 of the access token (OpenID Connect Core 3.1.3.6).
   *
   * @param accessToken the access token
   * @return the expected {@code at_hash}
   */
  public static String accessTokenHash(String accessToken) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(accessToken.getBytes(StandardCharsets.US_ASCII));
      return Base64URL.encode(Arrays.copyOf(digest, digest.length / 2)).toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
