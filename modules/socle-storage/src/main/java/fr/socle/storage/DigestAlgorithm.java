package fr.socle.storage;

import fr.socle.core.InvalidInputException;
import java.util.Objects;

/**
 * Digest (empreinte) of a document's plaintext, kept in its metadata and in the journal (NF Z42-020
 * requires the algorithm to be recorded next to the value). Both are ≥ 256 bits as RGS annex B1
 * requires for use beyond 2020.
 */
public enum DigestAlgorithm {
  /** SHA-256 (FIPS 180-4), the default. */
  SHA_256("SHA-256"),
  /** SHA-512 (FIPS 180-4). */
  SHA_512("SHA-512");

  private final String jcaName;

  DigestAlgorithm(String jcaName) {
    this.jcaName = jcaName;
  }

  /**
   * Returns the JCA and SEDA name of the algorithm, for example {@code SHA-256}.
   *
   * @return the standard name
   */
  public String jcaName() {
    return jcaName;
  }

  /**
   * Returns the algorithm with this standard name.
   *
   * @param name {@code SHA-256} or {@code SHA-512}
   * @return the algorithm
   * @throws InvalidInputException if the name is unknown
   */
  public static DigestAlgorithm fromJcaName(String name) {
    Objects.requireNonNull(name, "name");
    for (DigestAlgorithm a : values()) {
      if (a.jcaName.equals(name)) {
        return a;
      }
    }
    throw new InvalidInputException("unknown digest algorithm");
  }
}
