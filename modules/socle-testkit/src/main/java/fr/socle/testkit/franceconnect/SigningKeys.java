package fr.socle.testkit.franceconnect;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import fr.socle.core.SocleException;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's signing keys. One active key at a time; {@link #rotate()} replaces it with a key
 * under a new {@code kid} and drops the old one from the JWKS, as FranceConnect does ("keys are
 * changed regularly"). Key ids look like the HSM-backed ones observed on the sandbox ({@code
 * pkcs11:ES256:hsm}). Thread-safe.
 */
final class SigningKeys {
  private final SigningAlgorithm algorithm;
  private int generation;
  private JWK active;
  private JWK sibling;

  /**
   * With HS256 tokens are MACed with the client secret; the JWKS still publishes the platform's
   * ES256 key, which other service providers use.
   */
  SigningKeys(SigningAlgorithm algorithm) {
    this.algorithm = algorithm == SigningAlgorithm.RS256 ? algorithm : SigningAlgorithm.ES256;
    rotate();
  }

  synchronized void rotate() {
    generation++;
    active = generate("pkcs11:" + algorithm + ":hsm:" + generation);
    sibling = generate("pkcs11:" + algorithm + ":hsm:" + generation + ":standby");
  }

  synchronized JWK active() {
    return active;
  }

  JWSAlgorithm jwsAlgorithm() {
    return algorithm == SigningAlgorithm.ES256 ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
  }

  /** A key of the same type that is published nowhere: signatures made with it must fail. */
  JWK rogue(String kid) {
    return generate(kid);
  }

  /**
   * The public JWKS.
   *
   * @param withoutKid publish keys without {@code kid}
   * @param withSibling also publish a second key of the same type (which signs nothing)
   */
  synchronized String publicJwks(boolean withoutKid, boolean withSibling) {
    List<JWK> keys = new ArrayList<>();
    keys.add(publicOf(active, withoutKid));
    if (withSibling) {
      keys.add(publicOf(sibling, withoutKid));
    }
    return new JWKSet(keys).toString(true);
  }

  JWSSigner signer(JWK key) {
    try {
      return key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner(key.toRSAKey());
    } catch (JOSEException e) {
      throw new SocleException("cannot use the simulator's signing key", e);
    }
  }

  private static JWK publicOf(JWK key, boolean withoutKid) {
    JWK pub = key.toPublicJWK();
    if (!withoutKid) {
      return pub;
    }
    return pub instanceof ECKey ec
        ? new ECKey.Builder(ec).keyID(null).build()
        : new com.nimbusds.jose.jwk.RSAKey.Builder(pub.toRSAKey()).keyID(null).build();
  }

  private JWK generate(String kid) {
    try {
      return algorithm == SigningAlgorithm.ES256
          ? new ECKeyGenerator(Curve.P_256)
              .keyID(kid)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.ES256)
              .generate()
          : new RSAKeyGenerator(2048)
              .keyID(kid)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .generate();
    } catch (JOSEException e) {
      throw new SocleException("cannot generate a signing key", e);
    }
  }
}
