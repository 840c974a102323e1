package fr.socle.storage.internal;

import fr.socle.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Validation of user-supplied names and their encoding into object-store key segments. Every name
 * becomes either itself (when it is already a plain lowercase token) or {@code ~} followed by the
 * hexadecimal of its UTF-8 bytes, so no name can introduce a separator, a dot segment or a case
 * collision on a case-insensitive filesystem, whatever it contains.
 */
public final class Names {
  /** Maximum UTF-8 length of a tenant, container or document identifier. */
  public static final int MAX_NAME_BYTES = 100;

  private static final Pattern PLAIN = Pattern.compile("[a-z0-9][a-z0-9_-]*");

  private Names() {}

  /**
   * Checks a tenant, container or identifier.
   *
   * @param what the field name for the message
   * @param name the value
   */
  public static void requireValidName(String what, String name) {
    Objects.requireNonNull(name, what);
    requireNoControl(what, name);
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes == 0 || bytes > MAX_NAME_BYTES) {
      throw new InvalidInputException(what + " must be 1 to " + MAX_NAME_BYTES + " UTF-8 bytes");
    }
  }

  /**
   * Checks a free-text field (actor, content type, filename).
   *
   * @param what the field name for the message
   * @param text the value
   * @param maxChars the maximum length
   */
  public static void requireValidText(String what, String text, int maxChars) {
    Objects.requireNonNull(text, what);
    if (text.isBlank() || text.length() > maxChars) {
      throw new InvalidInputException(what + " must be 1 to " + maxChars + " characters");
    }
    requireNoControl(what, text);
  }

  private static void requireNoControl(String what, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c)) {
        throw new InvalidInputException(what + " must not contain control characters");
      }
      // A lone surrogate (e.g. left by substring() in the middle of an emoji) has no UTF-8 form:
      // String.getBytes would turn it into '?', so "\uD800" and "?" would share one key segment.
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new InvalidInputException(what + " must be well-formed UTF-16 (lone surrogate)");
      }
    }
  }

  /**
   * Encodes a validated name as one key segment. Injective over valid names: a plain token never
   * starts with {@code ~}, and UTF-8 is injective over well-formed UTF-16, which {@link
   * #requireValidName} guarantees.
   *
   * @param name the name
   * @return a segment matching {@code [a-z0-9~][a-z0-9_~-]*}
   */
  public static String segment(String name) {
    requireValidName("name", name);
    if (PLAIN.matcher(name).matches()) {
      return name;
    }
    return "~" + HexFormat.of().formatHex(name.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Decodes a key segment produced by {@link #segment}.
   *
   * @param segment the segment
   * @return the name, or empty if the segment is not one {@link #segment} produces
   */
  public static java.util.Optional<String> decodeSegment(String segment) {
    try {
      String name =
          segment.startsWith("~")
              ? new String(HexFormat.of().parseHex(segment.substring(1)), StandardCharsets.UTF_8)
              : segment;
      return segment(name).equals(segment)
          ? java.util.Optional.of(name)
          : java.util.Optional.empty();
    } catch (RuntimeException e) {
      return java.util.Optional.empty();
    }
  }
}
