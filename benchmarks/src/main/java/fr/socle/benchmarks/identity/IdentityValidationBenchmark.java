package fr.socle.benchmarks.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import fr.socle.identity.internal.TokenValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The verification work of {@code IdentityClient.complete()} (one ES256 ID token and one ES256
 * signed userinfo, keys cached, no HTTP) against raw Nimbus {@link DefaultJWTProcessor} doing the
 * same two verifications plus the {@code sub} equality check (baseline A4 of
 * docs/benchmarks/identity.md). Claim: Socle reaches at least 0.8x the baseline's throughput.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IdentityValidationBenchmark {
  static final String ISSUER = "https://fcp-low.sbx.dev-franceconnect.fr/api/v2";
  static final String CLIENT_ID =
      "211286433e39cce01db448d80181bdfd005554b19cd51b3fe7943f6b3b86ab6e";
  static final String SUB = "4ce4f0ab0f0b5a70e0f6b5f5c0e2b2a5c1b1ad57b57f4e3bd0c0b6e8bbf21536v1";
  static final String NONCE = "Q2x7kP0aZr9sT4uVw1XyB3cD5eF6gH7iJ8kL9mN0oP1qR2sT3uV4wX5yZ6aB7cD8";
  static final String ACCESS_TOKEN = "opaque-access-token-0123456789abcdefghijklmnopqrstuvwxyz";

  private TokenValidator socle;
  private DefaultJWTProcessor<SecurityContext> idTokenProcessor;
  private DefaultJWTProcessor<SecurityContext> userinfoProcessor;
  private String idToken;
  private String userinfo;

  @Setup
  public void setUp() throws Exception {
    ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("pkcs11:ES256:hsm").generate();
    RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    ImmutableJWKSet<SecurityContext> keys =
        new ImmutableJWKSet<>(new JWKSet(List.of(ec.toPublicJWK(), rsa.toPublicJWK())));
    Instant now = Instant.now();
    // exp one day ahead: same digit count as now+60, valid for the whole run
    Date iat = Date.from(now);
    Date exp = Date.from(now.plus(Duration.ofDays(1)));
    JWTClaimsSet id =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject(SUB)
            .audience(CLIENT_ID)
            .expirationTime(exp)
            .issueTime(iat)
            .claim("auth_time", now.getEpochSecond())
            .claim("acr", "eidas1")
            .claim("nonce", NONCE)
            .claim("at_hash", TokenValidator.accessTokenHash(ACCESS_TOKEN))
            .build();
    JWTClaimsSet ui =
        new JWTClaimsSet.Builder()
            .subject(SUB)
            .claim("given_name", "Angela Claire Louise")
            .claim("given_name_array", List.of("Angela", "Claire", "Louise"))
            .claim("family_name", "DUBOIS")
            .claim("birthdate", "1962-08-24")
            .claim("gender", "female")
            .claim("birthplace", "75107")
            .claim("birthcountry", "99100")
            .claim("email", "wossewodda-3728@yopmail.com")
            .audience(CLIENT_ID)
            .expirationTime(exp)
            .issueTime(iat)
            .issuer(ISSUER)
            .build();
    idToken = sign(ec, id);
    userinfo = sign(ec, ui);

    socle =
        new TokenValidator(
            new TokenValidator.Policy(
                ISSUER,
                CLIENT_ID,
                Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256),
                false,
                true,
                Duration.ofSeconds(30)),
            keys,
            null,
            null,
            Clock.systemUTC());

    idTokenProcessor = new DefaultJWTProcessor<>();
    idTokenProcessor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keys));
    idTokenProcessor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            CLIENT_ID,
            new JWTClaimsSet.Builder().issuer(ISSUER).claim("nonce", NONCE).build(),
            Set.of("iss", "aud", "exp", "iat", "sub", "nonce")));
    userinfoProcessor = new DefaultJWTProcessor<>();
    userinfoProcessor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keys));
    userinfoProcessor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            new JWTClaimsSet.Builder().issuer(ISSUER).build(),
            Set.of("iss", "aud", "exp", "iat", "sub")));

    // Both paths must accept the same tokens and reject a wrong nonce before being measured.
    CpuMeter unused = new CpuMeter();
    if (!SUB.equals(socle(unused)) || !SUB.equals(nimbus(unused))) {
      throw new IllegalStateException("set-up tokens do not verify");
    }
    try {
      socle.validateIdToken(idToken, NONCE.replace('Q', 'R'), ACCESS_TOKEN);
      throw new IllegalStateException("a wrong nonce was accepted");
    } catch (fr.socle.identity.InvalidTokenException expected) {
      // as it should be
    }
  }

  private static String sign(ECKey key, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new ECDSASigner(key));
    return jwt.serialize();
  }

  /** Socle: ID token (signature, iss, aud, azp, exp, iat, nonce, at_hash) then userinfo. */
  @Benchmark
  public String socle(CpuMeter cpu) {
    cpu.tick();
    TokenValidator.VerifiedToken id = socle.validateIdToken(idToken, NONCE, ACCESS_TOKEN);
    return (String) socle.validateUserinfo(userinfo, id.claims().getSubject()).getClaim("sub");
  }

  /** Baseline: two raw DefaultJWTProcessor.process calls and the sub equality check. */
  @Benchmark
  public String nimbus(CpuMeter cpu) throws Exception {
    cpu.tick();
    JWTClaimsSet id = idTokenProcessor.process(idToken, null);
    JWTClaimsSet ui = userinfoProcessor.process(userinfo, null);
    if (!id.getSubject().equals(ui.getSubject())) {
      throw new IllegalStateException("sub mismatch");
    }
    return ui.getSubject();
  }
}
