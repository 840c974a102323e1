package fr.socle.storage.s3.internal;

import fr.socle.core.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The object-key grammar of the {@code ObjectStore} SPI: {@code /}-separated segments of {@code
 * [a-z0-9._~-]}, none empty, none starting with a dot or a dash (so neither {@code .} nor {@code
 * ..}), the same as the filesystem store's. The safe encodes every name before it reaches a store,
 * so only a bug or a hostile caller gets here with anything else.
 */
public final class ObjectKeys {
  private static final Pattern KEY =
      Pattern.compile("[a-z0-9~][a-z0-9._~-]*(/[a-z0-9~][a-z0-9._~-]*)*");
  private static final Pattern PREFIX = Pattern.compile("[a-z0-9._~/-]*");

  private ObjectKeys() {}

  /**
   * Checks a key.
   *
   * @param key the key
   * @return the key
   * @throws InvalidInputException if it does not follow the grammar (the key is not echoed)
   */
  public static String check(String key) {
    Objects.requireNonNull(key, "key");
    if (!KEY.matcher(key).matches()) {
      throw new InvalidInputException(
          "key must be /-separated segments of [a-z0-9._~-], each starting with [a-z0-9~]");
    }
    return key;
  }

  /**
   * Checks a listing prefix: the start of a key, possibly ending with {@code /} or in the middle of
   * a segment.
   *
   * @param prefix the prefix
   * @return the prefix
   * @throws InvalidInputException if it cannot be the start of a valid key
   */
  public static String checkPrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (!PREFIX.matcher(prefix).matches()
        || prefix.startsWith("/")
        || prefix.contains("//")
        || prefix.startsWith(".")
        || prefix.contains("/.")
        || prefix.startsWith("-")
        || prefix.contains("/-")) {
      throw new InvalidInputException(
          "prefix must be the start of a key: /-separated segments of [a-z0-9._~-]");
    }
    return prefix;
  }
}
