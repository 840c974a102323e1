package fr.socle.identity.internal;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import fr.socle.core.InvalidInputException;
import fr.socle.core.Secret;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The application's own keys: client assertion signing keys and token decryption keys. */
public final class ClientKeys {
  private ClientKeys() {}

  /**
   * Wraps a key pair as a private JWK.
   *
   * @param keyId the key id
   * @param keyPair an RSA (2048 bits or more) or P-256 key pair
   * @param use signature or encryption
   * @return the JWK
   * @throws InvalidInputException if the key is of another kind or too short
   */
  public static JWK toJwk(String keyId, KeyPair keyPair, KeyUse use) {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(keyPair, "keyPair");
    if (keyPair.getPublic() instanceof RSAPublicKey pub
        && keyPair.getPrivate() instanceof RSAPrivateKey priv) {
      if (pub.getModulus().bitLength() < 2048) {
        throw new InvalidInputException("RSA keys must have at least 2048 bits");
      }
      return new RSAKey.Builder(pub).privateKey(priv).keyID(keyId).keyUse(use).build();
    }
    if (keyPair.getPublic() instanceof ECPublicKey pub
        && keyPair.getPrivate() instanceof ECPrivateKey priv) {
      Curve curve = Curve.forECParameterSpec(pub.getParams());
      if (!Curve.P_256.equals(curve)) {
        throw new InvalidInputException("EC keys must be on P-256");
      }
      return new ECKey.Builder(curve, pub).privateKey(priv).keyID(keyId).keyUse(use).build();
    }
    throw new InvalidInputException("keys must be RSA or P-256 key pairs");
  }

  /**
   * Reads the decryption keys of a private JWK set.
   *
   * @param privateJwkSet the JSON of a JWK set with private keys
   * @return the keys
   * @throws InvalidInputException if it is not a JWK set of private RSA or EC keys; the message
   *     never echoes the set
   */
  public static List<JWK> privateKeys(Secret privateJwkSet) {
    List<JWK> keys = new ArrayList<>();
    try {
      for (JWK key : JWKSet.parse(privateJwkSet.reveal()).getKeys()) {
        if (!key.isPrivate() || !(key instanceof RSAKey || key instanceof ECKey)) {
          throw new InvalidInputException("decryption keys must be private RSA or EC keys");
        }
        keys.add(key);
      }
    } catch (ParseException e) {
      throw new InvalidInputException("decryption keys are not a JWK set");
    }
    return keys;
  }
}
