package fr.socle.identity.internal;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.impl.ConcatKDF;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import fr.socle.core.Secret;
import fr.socle.core.SocleClientException;
import fr.socle.identity.InvalidTransactionException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a {@link LoginTransaction} into a compact JWE ({@code dir}, {@code A256GCM}) and opens it
 * again, on any node that has the same application secret.
 *
 * <p>The AES key is derived from the application secret with the Concat KDF of NIST SP 800-56A (as
 * implemented by Nimbus for ECDH-ES), bound to a purpose label and the client id: the same
 * application secret used elsewhere, or for another client, yields an unrelated key.
 *
 * <p>Thread-safe.
 */
public final class TransactionSealer {
  /** The shortest application secret accepted: 256 bits. */
  public static final int MIN_SECRET_BYTES = 32;

  private static final String PURPOSE = "fr.socle.identity/login-transaction/v1";
  private static final JWEHeader HEADER =
      new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).build();

  private final SecretKey key;
  private final DirectEncrypter encrypter;
  private final DirectDecrypter decrypter;
  private final Duration ttl;
  private final Clock clock;

  /**
   * Creates a sealer.
   *
   * @param applicationSecret at least 32 bytes of secret, shared by every node
   * @param clientId the client id the transactions belong to
   * @param ttl how long a transaction stays valid
   * @param clock the clock
   */
  public TransactionSealer(Secret applicationSecret, String clientId, Duration ttl, Clock clock) {
    Objects.requireNonNull(applicationSecret, "applicationSecret");
    if (applicationSecret.length() < MIN_SECRET_BYTES) {
      throw new SocleClientException(
          "the transaction key must hold at least 32 bytes of secret (for example 32 random bytes,"
              + " base64-encoded)");
    }
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.clock = Objects.requireNonNull(clock, "clock");
    byte[] ikm = applicationSecret.revealBytes();
    try {
      byte[] otherInfo =
          ConcatKDF.composeOtherInfo(
              ConcatKDF.encodeDataWithLength(PURPOSE.getBytes(StandardCharsets.UTF_8)),
              ConcatKDF.encodeDataWithLength(clientId.getBytes(StandardCharsets.UTF_8)),
              ConcatKDF.encodeNoData(),
              ConcatKDF.encodeIntData(256),
              ConcatKDF.encodeNoData());
      SecretKey derived =
          new ConcatKDF("SHA-256").deriveKey(new SecretKeySpec(ikm, "AES"), 256, otherInfo);
      this.key = new SecretKeySpec(derived.getEncoded(), "AES");
      this.encrypter = new DirectEncrypter(key);
      // Nimbus would otherwise create a SecureRandom for every IV.
      this.encrypter.getJCAContext().setSecureRandom(new SecureRandom());
      this.decrypter = new DirectDecrypter(key);
    } catch (JOSEException e) {
      throw new SocleClientException("cannot derive the transaction key", e);
    } finally {
      java.util.Arrays.fill(ikm, (byte) 0);
    }
  }

  /**
   * Seals a transaction.
   *
   * @param tx the transaction
   * @return a compact JWE
   */
  public String seal(LoginTransaction tx) {
    Instant created = tx.createdAt();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(tx.issuer())
            .audience(tx.clientId())
            .issueTime(Date.from(created))
            .expirationTime(Date.from(created.plus(ttl)))
            .claim("st", tx.state())
            .claim("nn", tx.nonce());
    if (tx.codeVerifier() != null) {
      claims.claim("cv", tx.codeVerifier());
    }
    if (tx.acr() != null) {
      claims.claim("acr", tx.acr());
    }
    EncryptedJWT jwt = new EncryptedJWT(HEADER, claims.build());
    try {
      jwt.encrypt(encrypter);
    } catch (JOSEException e) {
      throw new SocleClientException("cannot seal the login transaction", e);
    }
    return jwt.serialize();
  }

  /**
   * Opens a sealed transaction.
   *
   * @param sealed the compact JWE
   * @param expectedIssuer the issuer the transaction must belong to
   * @param expectedClientId the client id the transaction must belong to
   * @return the transaction
   * @throws InvalidTransactionException if it is malformed, tampered, for another client, or
   *     expired
   */
  public LoginTransaction unseal(String sealed, String expectedIssuer, String expectedClientId) {
    if (sealed == null || sealed.isEmpty() || sealed.length() > 8192) {
      throw new InvalidTransactionException("login transaction is missing or malformed", false);
    }
    JWTClaimsSet c;
    try {
      EncryptedJWT jwt = EncryptedJWT.parse(sealed);
      if (!JWEAlgorithm.DIR.equals(jwt.getHeader().getAlgorithm())
          || !EncryptionMethod.A256GCM.equals(jwt.getHeader().getEncryptionMethod())) {
        throw new InvalidTransactionException("login transaction is malformed", false);
      }
      jwt.decrypt(decrypter);
      c = jwt.getJWTClaimsSet();
    } catch (ParseException | JOSEException | IllegalStateException e) {
      // Decryption errors say nothing more: tampered, other key, truncated are all alike.
      throw new InvalidTransactionException("login transaction is not authentic", false);
    }
    try {
      Date exp = c.getExpirationTime();
      Date iat = c.getIssueTime();
      if (exp == null || iat == null) {
        throw new InvalidTransactionException("login transaction is malformed", false);
      }
      if (!expectedIssuer.equals(c.getIssuer())
          || c.getAudience() == null
          || !c.getAudience().equals(java.util.List.of(expectedClientId))) {
        throw new InvalidTransactionException(
            "login transaction belongs to another provider or client", false);
      }
      Instant now = clock.instant();
      if (!now.isBefore(exp.toInstant())) {
        throw new InvalidTransactionException("login transaction expired", true);
      }
      return new LoginTransaction(
          c.getIssuer(),
          expectedClientId,
          c.getStringClaim("st"),
          c.getStringClaim("nn"),
          c.getStringClaim("cv"),
          c.getStringClaim("acr"),
          iat.toInstant());
    } catch (ParseException | NullPointerException e) {
      throw new InvalidTransactionException("login transaction is malformed", false);
    }
  }
}
