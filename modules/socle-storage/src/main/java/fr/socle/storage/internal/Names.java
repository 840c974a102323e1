package fr.socle.storage.internal;

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
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes == 0 || bytes > MAX_NAME_BYTES) {
      throw new IllegalArgumentException(what + " must be 1 to " + MAX_NAME_BYTES + " UTF-8 bytes");
    }
    requireNoControl(what, name);
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
      throw new IllegalArgumentException(what + " must be 1 to " + maxChars + " characters");
    }
    requireNoControl(what, text);
  }

  private static void requireNoControl(String what, String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        throw new IllegalArgumentException(what + " must not contain control characters");
      }
    }
  }

  /**
   * Encodes a validated name as one key segment.
   *
   * @param name the name
   * @return a segment matching {@code [a-z0-9~][a-z0-9_~-]*}
   */
  public static String segment(String name) {
    if (PLAIN.matcher(name).matches()) {
      return name;
    }
    return "~" + HexFormat.of().formatHex(name.getBytes(StandardCharsets.UTF_8));
  }
}
