package fr.socle.storage.s3.internal;

import fr.socle.core.InvalidInputException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.time.Duration;
import java.util.Objects;

/** The builder's argument checks, one rule: null is an NPE naming it, a bad value invalid input. */
public final class Checks {
  private Checks() {}

  /**
   * Checks a text setting.
   *
   * @param value the value
   * @param name the setting's name
   * @return the value
   */
  public static String notBlank(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new InvalidInputException(name + " must not be blank");
    }
    return value;
  }

  /**
   * Checks a duration setting.
   *
   * @param value the value
   * @param name the setting's name
   * @return the value
   */
  public static Duration positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new InvalidInputException(name + " must be positive");
    }
    return value;
  }

  /**
   * Checks a trust store: loaded, with at least one certificate.
   *
   * @param trustStore the key store
   * @return the key store
   */
  public static KeyStore trustStore(KeyStore trustStore) {
    Objects.requireNonNull(trustStore, "trustStore");
    try {
      for (var aliases = trustStore.aliases(); aliases.hasMoreElements(); ) {
        if (trustStore.getCertificate(aliases.nextElement()) != null) {
          return trustStore;
        }
      }
    } catch (KeyStoreException e) {
      throw new InvalidInputException("trustStore must be loaded (KeyStore.load) first", e);
    }
    throw new InvalidInputException("trustStore holds no certificate: add the store's CA");
  }
}
