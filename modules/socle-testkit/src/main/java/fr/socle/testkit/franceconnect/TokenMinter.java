package fr.socle.testkit.franceconnect;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEEncrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds ID tokens and userinfo JWTs, honest or, on demand, broken. */
final class TokenMinter {
  // RSA-OAEP (SHA-1) is deprecated by Nimbus, but FranceConnect+ still encrypts with it for the
  // services that registered it: the simulator must too.
  @SuppressWarnings("deprecation")
  private static final JWEAlgorithm LEGACY_RSA_OAEP = JWEAlgorithm.RSA_OAEP;

  /** ID tokens and userinfo responses live 60 seconds (spec §1.4). */
  static final long TOKEN_LIFETIME_SECONDS = 60;

  private static final List<String> ACR_LADDER = List.of("eidas0", "eidas1", "eidas2", "eidas3");

  private final Flavour flavour;
  private final String issuer;
  private final String clientId;
  private final String pairwiseSector;
  private final byte[] clientSecret;
  private final SigningKeys keys;
  private final ClientKeys clientKeys;
  private final Clock clock;
  private final boolean hs256;

  TokenMinter(
      Flavour flavour,
      String issuer,
      String clientId,
      String pairwiseSector,
      byte[] clientSecret,
      SigningKeys keys,
      SigningAlgorithm algorithm,
      ClientKeys clientKeys,
      Clock clock) {
    this.flavour = flavour;
    this.issuer = issuer;
    this.clientId = clientId;
    this.pairwiseSector = pairwiseSector;
    this.clientSecret = clientSecret.clone();
    this.keys = keys;
    this.clientKeys = clientKeys;
    this.clock = clock;
    this.hs256 = algorithm == SigningAlgorithm.HS256;
  }

  static String impostorIssuer(String issuer) {
    return issuer.replace("/api/v2", "/impostor/api/v2");
  }

  /** The compact ID token and, for FranceConnect+, its inner JWS (both are valid logout hints). */
  record IdToken(String compact, String innerJws) {}

  IdToken idToken(Authentication auth, String accessToken, Set<Misbehaviour> m) {
    Instant now = clock.instant();
    Instant iat = m.contains(Misbehaviour.EXPIRED_ID_TOKEN) ? now.minusSeconds(120) : now;
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(m.contains(Misbehaviour.WRONG_ISSUER) ? impostorIssuer(issuer) : issuer)
            .audience(
                m.contains(Misbehaviour.WRONG_AUDIENCE)
                    ? ClaimCatalogue.sha256Hex("another client " + clientId)
                    : clientId)
            .expirationTime(Date.from(iat.plusSeconds(TOKEN_LIFETIME_SECONDS)))
            .claim("auth_time", auth.authTime().getEpochSecond())
            .claim("acr", m.contains(Misbehaviour.ACR_TOO_LOW) ? lower(auth.acr()) : auth.acr())
            .claim(
                "nonce",
                m.contains(Misbehaviour.NONCE_MISMATCH)
                    ? ClaimCatalogue.sha256Hex("not the nonce " + auth.nonce())
                    : auth.nonce())
            .claim(
                "at_hash",
                atHash(m.contains(Misbehaviour.WRONG_AT_HASH) ? accessToken + "x" : accessToken));
    // No sid: FranceConnect disables back-channel (and front-channel) logout, and the provider
    // only adds sid for them (france-connect sources:
    // back/instances/core-fcp-low/src/config/oidc-provider.ts, backchannelLogout disabled).
    if (!m.contains(Misbehaviour.MISSING_SUB)) {
      claims.subject(subject(auth));
    }
    if (!m.contains(Misbehaviour.MISSING_IAT)) {
      claims.issueTime(Date.from(iat));
    }
    if (auth.amrRequested()) {
      claims.claim("amr", amr(auth.acr()));
    }
    if (flavour == Flavour.PROCONNECT) {
      claims.claim("idp_id", ((TestAgent) auth.user()).idpId());
    }
    JWTClaimsSet set = claims.build();
    if (m.contains(Misbehaviour.ID_TOKEN_ALG_NONE)) {
      String plain = new PlainJWT(set).serialize();
      return new IdToken(plain, plain);
    }
    String jws =
        m.contains(Misbehaviour.ID_TOKEN_HS256)
            ? macSigned(set, clientSecret)
            : sign(set, m.contains(Misbehaviour.BAD_ID_TOKEN_SIGNATURE), m);
    return new IdToken(maybeEncrypt(jws, m), jws);
  }

  /** The userinfo body and whether it is a JWT ({@code application/jwt}) or JSON. */
  record Userinfo(String body, boolean jwt) {}

  Userinfo userinfo(Authentication auth, Set<Misbehaviour> m) {
    Instant now = clock.instant();
    Map<String, Object> released = ClaimCatalogue.claims(flavour, auth.user(), auth.scopes());
    String sub =
        m.contains(Misbehaviour.USERINFO_SUB_MISMATCH)
            ? ClaimCatalogue.sha256Hex("someone else " + subject(auth)) + "v1"
            : subject(auth);
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(sub);
    released.forEach(claims::claim);
    if (m.contains(Misbehaviour.USERINFO_PLAIN_JSON)) {
      return new Userinfo(claims.build().toString(), false);
    }
    claims
        .issuer(issuer)
        .audience(clientId)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(TOKEN_LIFETIME_SECONDS)));
    String jws = sign(claims.build(), m.contains(Misbehaviour.BAD_USERINFO_SIGNATURE), m);
    return new Userinfo(maybeEncrypt(jws, m), true);
  }

  private List<String> amr(String acr) {
    if (flavour == Flavour.FC_PLUS) {
      return List.of("pwd", "mfa");
    }
    if (flavour == Flavour.PROCONNECT && acr != null && acr.endsWith("-mfa")) {
      // The second factor was ProConnect's own e-mail code (double_authentification.md, 2026).
      return List.of("pwd", "mail");
    }
    return List.of("pwd");
  }

  String subject(Authentication auth) {
    return ClaimCatalogue.subject(flavour, pairwiseSector, auth.user());
  }

  /** {@code at_hash}: left half of SHA-256 of the access token, base64url (OIDC Core §3.1.3.6). */
  static String atHash(String accessToken) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(accessToken.getBytes(StandardCharsets.US_ASCII));
      return Base64URL.encode(Arrays.copyOf(digest, digest.length / 2)).toString();
    } catch (NoSuchAlgorithmException e) {
      throw new SocleException("SHA-256 is missing from the JDK", e);
    }
  }

  private static String lower(String acr) {
    String base = acr.endsWith("-mfa") ? acr.substring(0, acr.length() - 4) : acr;
    int i = ACR_LADDER.indexOf(base);
    return i <= 0 ? "eidas0" : ACR_LADDER.get(i - 1);
  }

  private String sign(JWTClaimsSet claims, boolean rogue, Set<Misbehaviour> m) {
    if (hs256) {
      return macSigned(
          claims,
          rogue
              ? ClaimCatalogue.sha256Hex("not the secret").getBytes(StandardCharsets.US_ASCII)
              : clientSecret);
    }
    boolean noKid =
        m.contains(Misbehaviour.KID_ABSENT_SINGLE_KEY)
            || m.contains(Misbehaviour.KID_ABSENT_MULTIPLE_KEYS);
    JWK key = keys.active();
    JWSHeader.Builder header = new JWSHeader.Builder(keys.jwsAlgorithm()).type(JOSEObjectType.JWT);
    if (!noKid) {
      header.keyID(key.getKeyID());
    }
    JWK signingKey = rogue ? keys.rogue(key.getKeyID()) : key;
    SignedJWT jwt = new SignedJWT(header.build(), claims);
    try {
      jwt.sign(keys.signer(signingKey));
    } catch (JOSEException e) {
      throw new SocleException("signature failed", e);
    }
    return jwt.serialize();
  }

  private static String macSigned(JWTClaimsSet claims, byte[] secret) {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
    try {
      jwt.sign(new MACSigner(secret));
    } catch (JOSEException e) {
      throw new InvalidInputException("clientSecret must have at least 32 bytes to key HS256", e);
    }
    return jwt.serialize();
  }

  private String maybeEncrypt(String jws, Set<Misbehaviour> m) {
    if (flavour != Flavour.FC_PLUS || m.contains(Misbehaviour.NOT_ENCRYPTED)) {
      return jws;
    }
    JWK key = clientKeys.encryptionKey();
    try {
      JWEAlgorithm alg;
      JWEEncrypter encrypter;
      if (key.getKeyType() == KeyType.RSA) {
        alg =
            JWEAlgorithm.RSA_OAEP_256.equals(key.getAlgorithm())
                ? JWEAlgorithm.RSA_OAEP_256
                : LEGACY_RSA_OAEP;
        encrypter = new RSAEncrypter((RSAKey) key);
      } else {
        alg = JWEAlgorithm.ECDH_ES;
        encrypter = new ECDHEncrypter((ECKey) key);
      }
      JWEHeader header =
          new JWEHeader.Builder(alg, EncryptionMethod.A256GCM)
              .keyID(key.getKeyID())
              .contentType("JWT")
              .build();
      JWEObject jwe = new JWEObject(header, new Payload(jws));
      jwe.encrypt(encrypter);
      return jwe.serialize();
    } catch (JOSEException e) {
      throw new SocleException("cannot encrypt to the client's key", e);
    }
  }

  static boolean isEncryptionKey(JWK key) {
    return (key.getKeyUse() == null || KeyUse.ENCRYPTION.equals(key.getKeyUse()))
        && (key.getKeyType() == KeyType.RSA || key.getKeyType() == KeyType.EC);
  }
}
