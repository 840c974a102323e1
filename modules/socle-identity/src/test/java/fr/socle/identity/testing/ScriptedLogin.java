package fr.socle.identity.testing;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import fr.socle.identity.ProviderFamily;
import fr.socle.identity.internal.TokenValidator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scripted answers of one login: claims of the ID token and userinfo, the keys and algorithms
 * they are signed with, and the callback parameters. Defaults are a valid FranceConnect login of
 * the sandbox's test identity; each test breaks exactly one thing.
 */
public final class ScriptedLogin {
  private final ScriptedProvider provider;
  private final Map<String, String> authorize;
  public final JWTClaimsSet.Builder idToken;
  public final JWTClaimsSet.Builder userinfo;
  public String accessToken = "opaque-access-token-0123456789abcdefghijklmnopqrstuvwxyz";
  public JWK idTokenKey;
  public JWK userinfoKey;
  public JWSAlgorithm algorithm = JWSAlgorithm.ES256;
  public boolean unsignedIdToken;
  public boolean hmacIdToken;
  public boolean omitKid;
  public String idTokenKidOverride;
  public boolean encrypt;

  ScriptedLogin(ScriptedProvider provider, Map<String, String> authorize) {
    this.provider = provider;
    this.authorize = authorize;
    this.idTokenKey = provider.signingKey();
    this.userinfoKey = provider.signingKey();
    this.encrypt = provider.family() == ProviderFamily.FRANCECONNECT_PLUS;
    Instant now = Instant.now();
    String acr =
        authorize.getOrDefault(
            "acr_values", provider.family() == ProviderFamily.GENERIC ? "" : "eidas1");
    this.idToken =
        new JWTClaimsSet.Builder()
            .issuer(provider.issuer())
            .subject(ScriptedProvider.SUB)
            .audience(ScriptedProvider.CLIENT_ID)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(60)))
            .claim("auth_time", now.getEpochSecond())
            .claim("nonce", authorize.get("nonce"))
            .claim("at_hash", TokenValidator.accessTokenHash(accessToken));
    if (!acr.isEmpty()) {
      idToken.claim("acr", acr);
    }
    this.userinfo =
        new JWTClaimsSet.Builder()
            .issuer(provider.issuer())
            .audience(ScriptedProvider.CLIENT_ID)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(60)))
            .subject(ScriptedProvider.SUB)
            .claim("given_name", "Angela Claire Louise")
            .claim("given_name_array", List.of("Angela", "Claire", "Louise"))
            .claim("family_name", "DUBOIS")
            .claim("birthdate", "1962-08-24")
            .claim("gender", "female")
            .claim("birthplace", "75107")
            .claim("birthcountry", "99100")
            .claim("email", "wossewodda-3728@yopmail.com");
  }

  /** The authorization request's parameters. */
  public Map<String, String> authorize() {
    return authorize;
  }

  /** Sets a new access token and recomputes {@code at_hash}. */
  public ScriptedLogin accessToken(String token) {
    this.accessToken = token;
    idToken.claim("at_hash", TokenValidator.accessTokenHash(token));
    return this;
  }

  /** The callback parameters the provider would send: code, state, iss. */
  public Map<String, String> callback() {
    Map<String, String> cb = new HashMap<>();
    cb.put("code", "code-" + authorize.get("state").substring(0, 8));
    cb.put("state", authorize.get("state"));
    cb.put("iss", provider.issuer());
    return cb;
  }

  /** Stubs the token and userinfo endpoints with the scripted answers. */
  public ScriptedLogin stub() {
    String id = idToken();
    String tokenJson =
        "{\"access_token\":\""
            + accessToken
            + "\",\"token_type\":\"Bearer\",\"expires_in\":60,\"id_token\":\""
            + id
            + "\"}";
    provider.tokenAnswers(200, "application/json; charset=utf-8", tokenJson);
    provider.userinfoAnswers(200, "application/jwt; charset=utf-8", userinfoToken());
    return this;
  }

  /** The ID token as the provider would send it. */
  public String idToken() {
    JWTClaimsSet claims = idToken.build();
    if (unsignedIdToken) {
      return new PlainJWT(claims).serialize();
    }
    String jws;
    if (hmacIdToken) {
      jws =
          sign(
              new JWSHeader.Builder(JWSAlgorithm.HS256).build(),
              claims,
              macSigner(ScriptedProvider.CLIENT_SECRET));
    } else {
      JWSHeader.Builder header = new JWSHeader.Builder(algorithm);
      if (!omitKid) {
        header.keyID(idTokenKidOverride != null ? idTokenKidOverride : idTokenKey.getKeyID());
      }
      jws = sign(header.build(), claims, signer(idTokenKey));
    }
    return encrypt ? encrypt(jws) : jws;
  }

  /** The userinfo JWT as the provider would send it. */
  public String userinfoToken() {
    JWSAlgorithm alg = userinfoKey instanceof RSAKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
    String jws =
        sign(
            new JWSHeader.Builder(alg).keyID(userinfoKey.getKeyID()).build(),
            userinfo.build(),
            signer(userinfoKey));
    return encrypt ? encrypt(jws) : jws;
  }

  /** Replaces the last signature character so that the signature no longer verifies. */
  public static String tamperSignature(String jws) {
    String[] parts = jws.split("\\.");
    byte[] sig = new Base64URL(parts[2]).decode();
    sig[sig.length / 2] ^= 0x01;
    return parts[0] + "." + parts[1] + "." + Base64URL.encode(sig);
  }

  private String encrypt(String jws) {
    try {
      JWEObject jwe =
          new JWEObject(
              new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                  .contentType("JWT")
                  .keyID(provider.applicationEncryptionKey().getKeyID())
                  .build(),
              new Payload(jws));
      jwe.encrypt(new RSAEncrypter(provider.applicationEncryptionKey().toRSAPublicKey()));
      return jwe.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JWSSigner signer(JWK key) {
    try {
      if (key instanceof ECKey ec) {
        return new ECDSASigner(ec);
      }
      return new RSASSASigner((RSAKey) key);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JWSSigner macSigner(String secret) {
    try {
      return new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
    try {
      SignedJWT jwt = new SignedJWT(header, claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
