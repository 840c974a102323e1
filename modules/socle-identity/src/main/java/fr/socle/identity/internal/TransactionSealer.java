package fr.socle.identity.internal;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.impl.AESGCM;
import com.nimbusds.jose.crypto.impl.AuthenticatedCipherText;
import com.nimbusds.jose.crypto.impl.ConcatKDF;
import com.nimbusds.jose.util.Container;
import fr.socle.core.InvalidInputException;
import fr.socle.core.Secret;
import fr.socle.core.SocleClientException;
import fr.socle.identity.InvalidTransactionException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
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
 * <p>The JWE is standard (RFC 7516 compact serialization, protected header {@code
 * {"enc":"A256GCM","alg":"dir"}}, empty encrypted key, 96-bit IV, 128-bit tag, the header segment
 * as additional authenticated data); any JOSE library holding the key can open it. Its plaintext is
 * not a JWT claims set but UTF-8 lines, which keeps the token short and the work per login small:
 *
 * <pre>
 * 2 \n issuer \n client id \n state \n nonce \n code verifier or "" \n acr or "" \n
 * created (epoch seconds) \n expires (epoch seconds)
 * </pre>
 *
 * <p>Encryption and decryption are Nimbus's {@code AESGCM} (JCA AES/GCM/NoPadding, one {@code
 * Cipher} per call), through the JCA provider the JVM selects for that transformation, looked up
 * once. The base64url segments use the JDK codec: Nimbus's constant-time codec, meant for key
 * material, costs about half of a seal and unseal, and these segments (IV, ciphertext, tag) are not
 * secret. Opening is stricter than a generic JOSE library: the header must be exactly the one
 * above, every segment must be canonical unpadded base64url, and the IV and tag must have their
 * exact lengths.
 *
 * <p>Thread-safe.
 */
public final class TransactionSealer {
  /** The shortest application secret accepted: 256 bits. */
  public static final int MIN_SECRET_BYTES = 32;

  /** The longest sealed transaction accepted, in characters. */
  static final int MAX_SEALED_LENGTH = 8192;

  private static final String PURPOSE = "fr.socle.identity/login-transaction/v2";
  private static final String FORMAT = "2";
  private static final int FIELDS = 9;
  private static final String HEADER_SEGMENT =
      new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
          .build()
          .toBase64URL()
          .toString();
  private static final byte[] AAD = HEADER_SEGMENT.getBytes(StandardCharsets.US_ASCII);
  private static final int IV_BYTES = AESGCM.IV_BIT_LENGTH / 8;
  private static final int TAG_BYTES = AESGCM.AUTH_TAG_BIT_LENGTH / 8;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

  private final SecretKey key;
  private final Provider provider;
  private final SecureRandom random = new SecureRandom();
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
    Objects.requireNonNull(clientId, "clientId");
    if (applicationSecret.length() < MIN_SECRET_BYTES) {
      throw new InvalidInputException(
          "transactionKey must hold at least 32 bytes of secret (for example 32 random bytes,"
              + " base64-encoded)");
    }
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.key = deriveKey(applicationSecret, clientId);
    try {
      // The provider Cipher.getInstance would pick on every call, resolved once.
      this.provider = Cipher.getInstance("AES/GCM/NoPadding").getProvider();
    } catch (GeneralSecurityException e) {
      throw new SocleClientException("this JVM offers no AES/GCM/NoPadding cipher", e);
    }
  }

  /**
   * Derives the content encryption key: Concat KDF (SHA-256) of the application secret, with the
   * purpose label as AlgorithmID, the client id as PartyUInfo and 256 as SuppPubInfo.
   */
  static SecretKey deriveKey(Secret applicationSecret, String clientId) {
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
      return new SecretKeySpec(derived.getEncoded(), "AES");
    } catch (JOSEException e) {
      throw new SocleClientException("cannot derive the transaction key", e);
    } finally {
      Arrays.fill(ikm, (byte) 0);
    }
  }

  /**
   * Seals a transaction.
   *
   * @param tx the transaction
   * @return a compact JWE
   */
  public String seal(LoginTransaction tx) {
    long created = tx.createdAt().getEpochSecond();
    String plaintext =
        String.join(
            "\n",
            FORMAT,
            field(tx.issuer()),
            field(tx.clientId()),
            field(tx.state()),
            field(tx.nonce()),
            field(tx.codeVerifier()),
            field(tx.acr()),
            Long.toString(created),
            Long.toString(created + ttl.toSeconds()));
    Container<byte[]> iv = new Container<>(AESGCM.generateIV(random));
    AuthenticatedCipherText sealed;
    try {
      sealed = AESGCM.encrypt(key, iv, plaintext.getBytes(StandardCharsets.UTF_8), AAD, provider);
    } catch (JOSEException e) {
      throw new SocleClientException("cannot seal the login transaction", e);
    }
    return HEADER_SEGMENT
        + ".."
        + B64.encodeToString(iv.get())
        + '.'
        + B64.encodeToString(sealed.getCipherText())
        + '.'
        + B64.encodeToString(sealed.getAuthenticationTag());
  }

  private static String field(String value) {
    if (value == null) {
      return "";
    }
    if (value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a login transaction field holds a line break");
    }
    return value;
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
    if (sealed == null || sealed.isEmpty() || sealed.length() > MAX_SEALED_LENGTH) {
      throw new InvalidTransactionException("login transaction is missing or malformed", false);
    }
    int header = sealed.indexOf('.');
    int encryptedKey = sealed.indexOf('.', header + 1);
    int iv = sealed.indexOf('.', encryptedKey + 1);
    int ciphertext = sealed.indexOf('.', iv + 1);
    if (header != HEADER_SEGMENT.length()
        || !sealed.startsWith(HEADER_SEGMENT)
        || encryptedKey != header + 1
        || iv < 0
        || ciphertext < 0
        || sealed.indexOf('.', ciphertext + 1) >= 0) {
      throw new InvalidTransactionException("login transaction is malformed", false);
    }
    byte[] plaintext;
    try {
      byte[] ivBytes = decode(sealed, encryptedKey + 1, iv);
      byte[] cipherText = decode(sealed, iv + 1, ciphertext);
      byte[] tag = decode(sealed, ciphertext + 1, sealed.length());
      if (ivBytes.length != IV_BYTES || tag.length != TAG_BYTES) {
        throw new IllegalArgumentException("IV or tag length");
      }
      plaintext = AESGCM.decrypt(key, ivBytes, cipherText, AAD, tag, provider);
    } catch (IllegalArgumentException | JOSEException e) {
      // Decoding and decryption errors say nothing more: tampered, other key, truncated are alike.
      throw new InvalidTransactionException("login transaction is not authentic", false);
    }
    return parse(plaintext, expectedIssuer, expectedClientId);
  }

  /** Decodes one segment, refusing anything but canonical unpadded base64url. */
  private static byte[] decode(String sealed, int from, int to) {
    String segment = sealed.substring(from, to);
    byte[] bytes = B64_DECODER.decode(segment);
    if (!B64.encodeToString(bytes).equals(segment)) {
      throw new IllegalArgumentException("non-canonical base64url");
    }
    return bytes;
  }

  private LoginTransaction parse(byte[] plaintext, String expectedIssuer, String expectedClientId) {
    String[] f = new String(plaintext, StandardCharsets.UTF_8).split("\n", -1);
    long created;
    long expires;
    try {
      if (f.length != FIELDS || !FORMAT.equals(f[0])) {
        throw new NumberFormatException("format");
      }
      created = Long.parseLong(f[7]);
      expires = Long.parseLong(f[8]);
    } catch (NumberFormatException e) {
      throw new InvalidTransactionException("login transaction is malformed", false);
    }
    if (!expectedIssuer.equals(f[1]) || !expectedClientId.equals(f[2])) {
      throw new InvalidTransactionException(
          "login transaction belongs to another provider or client", false);
    }
    if (clock.instant().getEpochSecond() >= expires) {
      throw new InvalidTransactionException("login transaction expired", true);
    }
    try {
      return new LoginTransaction(
          f[1],
          f[2],
          f[3],
          f[4],
          f[5].isEmpty() ? null : f[5],
          f[6].isEmpty() ? null : f[6],
          Instant.ofEpochSecond(created));
    } catch (RuntimeException e) {
      throw new InvalidTransactionException("login transaction is malformed", false);
    }
  }
}
