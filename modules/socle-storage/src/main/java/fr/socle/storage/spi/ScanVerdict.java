package fr.socle.storage.spi;

import fr.socle.core.InvalidInputException;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link ContentScanner} concluded about one document.
 *
 * @param threat the name of what was detected (for example {@code Win.Test.EICAR_HDB-1}), or empty
 *     when the document is clean
 */
public record ScanVerdict(Optional<String> threat) {
  private static final ScanVerdict CLEAN = new ScanVerdict(Optional.empty());

  /**
   * Validates the threat name: 1 to 256 printable characters.
   *
   * @param threat the name of what was detected (for example {@code Win.Test.EICAR_HDB-1}), or
   *     empty when the document is clean
   */
  public ScanVerdict {
    Objects.requireNonNull(threat, "threat");
    threat.ifPresent(
        t -> {
          if (t.isEmpty() || t.length() > 256 || !t.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new InvalidInputException("threat must be 1 to 256 printable ASCII characters");
          }
        });
  }

  /**
   * The verdict for a document in which nothing was found.
   *
   * @return the clean verdict
   */
  public static ScanVerdict clean() {
    return CLEAN;
  }

  /**
   * The verdict for a document in which a threat was found.
   *
   * @param threat the scanner's name for it
   * @return the verdict
   */
  public static ScanVerdict infected(String threat) {
    return new ScanVerdict(Optional.of(Objects.requireNonNull(threat, "threat")));
  }

  /**
   * Tells whether the document may be stored.
   *
   * @return true if nothing was found
   */
  public boolean isClean() {
    return threat.isEmpty();
  }
}
