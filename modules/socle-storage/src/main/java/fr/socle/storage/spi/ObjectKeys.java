package fr.socle.storage.spi;

import fr.socle.core.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one grammar of object keys, shared by every {@link ObjectStore}: the store on a filesystem,
 * on S3, in memory, and any third-party store. A key is accepted by all of them or refused by all
 * of them, with the same error.
 *
 * <pre>
 * key     = segment *( "/" segment )         1 to 768 characters, no ".." anywhere
 * segment = first *254rest
 * first   = a-z / 0-9 / "~"
 * rest    = a-z / 0-9 / "." / "_" / "~" / "-"
 * </pre>
 *
 * <p>Why this grammar: it is the strictest one every shipped store could already accept, and
 * everything the safe writes fits it (user-supplied names are encoded into {@code
 * [a-z0-9][a-z0-9_-]*} or {@code ~} and hexadecimal before they reach a store). Lower case only, so
 * that two keys never collide on a case-insensitive filesystem; no empty segment, no leading or
 * trailing {@code /} and no {@code ..}, so that no key can name a directory or climb out of one;
 * segments of at most 255 characters (the file-name limit of common filesystems) and keys of at
 * most 768, which leaves 256 of the 1024 bytes S3 allows for an S3 store's own key prefix. The
 * longest key the safe writes is about 670 characters.
 *
 * <p>One thing the grammar cannot say: a key that is also the beginning of another key followed by
 * {@code /} ({@code a} and {@code a/b}) cannot live in a filesystem, where {@code a} would be both
 * a file and a directory. The safe never writes such pairs; a portable caller does not either, and
 * a store may refuse the second one.
 *
 * <p>A listing prefix is either empty or the beginning of some valid key: {@code t/acme/} and
 * {@code t/ac} are prefixes, {@code /t} and {@code t//} are not.
 *
 * <p>Thread-safe (stateless).
 */
public final class ObjectKeys {
  /** The maximum length of a key, in characters (all ASCII). */
  public static final int MAX_LENGTH = 768;

  /** The maximum length of one segment of a key. */
  public static final int MAX_SEGMENT_LENGTH = 255;

  private static final Pattern KEY =
      Pattern.compile("[a-z0-9~][a-z0-9_.~-]{0,254}(/[a-z0-9~][a-z0-9_.~-]{0,254})*");

  private static final String GRAMMAR =
      "'/'-separated segments of [a-z0-9_.~-] starting with [a-z0-9~], at most "
          + MAX_SEGMENT_LENGTH
          + " characters each, without '..'";

  private ObjectKeys() {}

  /**
   * Tells whether a value is a valid object key.
   *
   * @param key the value, possibly null
   * @return true if it follows the grammar
   */
  public static boolean isValid(String key) {
    return key != null
        && !key.isEmpty()
        && key.length() <= MAX_LENGTH
        && !key.contains("..")
        && KEY.matcher(key).matches();
  }

  /**
   * Checks an object key.
   *
   * @param key the key
   * @return the key
   * @throws NullPointerException if {@code key} is null
   * @throws InvalidInputException if it does not follow the grammar (the key is not echoed)
   */
  public static String requireValid(String key) {
    Objects.requireNonNull(key, "key");
    if (!isValid(key)) {
      throw new InvalidInputException(
          "key must be 1 to " + MAX_LENGTH + " characters of " + GRAMMAR + " (see ObjectKeys)");
    }
    return key;
  }

  /**
   * Checks a listing prefix: empty, or the beginning of some valid key.
   *
   * @param prefix the prefix
   * @return the prefix
   * @throws NullPointerException if {@code prefix} is null
   * @throws InvalidInputException if no valid key can start with it (the prefix is not echoed)
   */
  public static String requireValidPrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    // "0" completes any prefix that ends inside or after a segment into a key of the grammar, and
    // completes nothing else (it cannot repair "//", a leading "/" or "..").
    if (!prefix.isEmpty() && !isValid(prefix + "0")) {
      throw new InvalidInputException(
          "prefix must be empty or the beginning of a key: "
              + GRAMMAR
              + ", at most "
              + (MAX_LENGTH - 1)
              + " characters (see ObjectKeys)");
    }
    return prefix;
  }
}
