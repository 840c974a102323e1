package fr.socle.benchmarks.identity;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import fr.socle.core.Secret;
import fr.socle.identity.internal.LoginTransaction;
import fr.socle.identity.internal.Randoms;
import fr.socle.identity.internal.TransactionSealer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Sealing and unsealing a login transaction (compact JWE dir/A256GCM, the work of {@code begin()}
 * plus the first step of {@code complete()}). Claim: at most 20 µs per seal + unseal.
 *
 * <p>Two references run in the same JVM: {@link #jceFloor()}, the JDK's AES-GCM encrypt + decrypt
 * of a plaintext of the same size with a new {@code Cipher} per call (what any JOSE library does),
 * and {@link #nimbusEncryptedJwt()}, the same transaction as a JWT claims set in a Nimbus {@code
 * EncryptedJWT} with {@code DirectEncrypter}/{@code DirectDecrypter} (Socle's first design).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LoginTransactionBenchmark {
  private static final String ISSUER = "https://fcp-low.sbx.dev-franceconnect.fr/api/v2";
  private static final String CLIENT_ID =
      "211286433e39cce01db448d80181bdfd005554b19cd51b3fe7943f6b3b86ab6e";

  private TransactionSealer sealer;
  private LoginTransaction tx;
  private String sealed;
  private final java.security.SecureRandom random = new java.security.SecureRandom();
  private SecretKeySpec key;
  private java.security.Provider provider;
  private byte[] plaintext;
  private byte[] aad;
  private DirectEncrypter encrypter;
  private DirectDecrypter decrypter;

  @Setup
  public void setUp() {
    sealer =
        new TransactionSealer(
            Secret.of("an application secret of at least 32 bytes, for the benchmark"),
            CLIENT_ID,
            Duration.ofMinutes(10),
            Clock.systemUTC());
    tx =
        new LoginTransaction(
            ISSUER,
            CLIENT_ID,
            Randoms.alphanumeric64(),
            Randoms.alphanumeric64(),
            Randoms.alphanumeric64(),
            "eidas1",
            Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    sealed = sealer.seal(tx);
    if (!sealer.unseal(sealed, ISSUER, CLIENT_ID).equals(tx)) {
      throw new IllegalStateException("round trip failed");
    }
    byte[] k = new byte[32];
    random.nextBytes(k);
    key = new SecretKeySpec(k, "AES");
    try {
      provider = Cipher.getInstance("AES/GCM/NoPadding").getProvider();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    // the size of Socle's plaintext: the ciphertext segment is its base64url
    int ciphertext =
        sealed.substring(sealed.lastIndexOf('.', sealed.lastIndexOf('.') - 1)).length();
    plaintext = new byte[ciphertext * 3 / 4];
    aad =
        sealed
            .substring(0, sealed.indexOf('.'))
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    try {
      encrypter = new DirectEncrypter(key);
      decrypter = new DirectDecrypter(key);
    } catch (com.nimbusds.jose.KeyLengthException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One seal and one unseal of a fresh transaction. */
  @Benchmark
  public LoginTransaction sealAndUnseal(CpuMeter cpu) {
    cpu.tick();
    return sealer.unseal(sealer.seal(tx), ISSUER, CLIENT_ID);
  }

  /** Unseal only (the callback side). */
  @Benchmark
  public LoginTransaction unseal(CpuMeter cpu) {
    cpu.tick();
    return sealer.unseal(sealed, ISSUER, CLIENT_ID);
  }

  /** Reference: the JDK's AES-GCM encrypt + decrypt of as many bytes, a new Cipher per call. */
  @Benchmark
  public byte[] jceFloor(CpuMeter cpu) throws Exception {
    cpu.tick();
    byte[] iv = new byte[12];
    random.nextBytes(iv);
    Cipher enc = Cipher.getInstance("AES/GCM/NoPadding", provider);
    enc.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
    enc.updateAAD(aad);
    byte[] ct = enc.doFinal(plaintext);
    Cipher dec = Cipher.getInstance("AES/GCM/NoPadding", provider);
    dec.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
    dec.updateAAD(aad);
    return dec.doFinal(ct);
  }

  /** Reference: the same transaction as a Nimbus EncryptedJWT (claims set, dir/A256GCM). */
  @Benchmark
  public String nimbusEncryptedJwt(CpuMeter cpu) throws Exception {
    cpu.tick();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(tx.issuer())
            .audience(tx.clientId())
            .issueTime(Date.from(tx.createdAt()))
            .expirationTime(Date.from(tx.createdAt().plusSeconds(600)))
            .claim("st", tx.state())
            .claim("nn", tx.nonce())
            .claim("cv", tx.codeVerifier())
            .claim("acr", tx.acr())
            .build();
    EncryptedJWT jwt =
        new EncryptedJWT(
            new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).build(), claims);
    jwt.encrypt(encrypter);
    EncryptedJWT opened = EncryptedJWT.parse(jwt.serialize());
    opened.decrypt(decrypter);
    return opened.getJWTClaimsSet().getStringClaim("st");
  }
}
