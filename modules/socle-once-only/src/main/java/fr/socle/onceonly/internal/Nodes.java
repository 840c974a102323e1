package fr.socle.onceonly.internal;

import fr.socle.core.SocleServiceException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the JSON trees the APIs return (maps, lists, strings, {@link BigDecimal}s, booleans). A
 * required member that is missing or of the wrong type is a {@link SocleServiceException}: the
 * answer does not match the API's contract, and a half-read answer is never returned (fail closed).
 * Messages name the member, never its value.
 */
public final class Nodes {
  private Nodes() {}

  /**
   * Fails with a malformed-answer error.
   *
   * @param what what is wrong, without values
   * @return never returns
   */
  public static SocleServiceException malformed(String what) {
    return new SocleServiceException("malformed answer: " + what, 200, null, null);
  }

  /**
   * Returns a member that must be an object.
   *
   * @param node the parent object
   * @param key the member
   * @return the object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Map<String, Object> node, String key) {
    Object v = node.get(key);
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw malformed(key + " is not an object");
  }

  /**
   * Returns a member that may be an object.
   *
   * @param node the parent object
   * @param key the member
   * @return the object, empty if absent or null
   */
  @SuppressWarnings("unchecked")
  public static Optional<Map<String, Object>> objectOpt(Map<String, Object> node, String key) {
    Object v = node.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Map<?, ?> m) {
      return Optional.of((Map<String, Object>) m);
    }
    throw malformed(key + " is not an object");
  }

  /**
   * Returns a member that may be an array of objects.
   *
   * @param node the parent object
   * @param key the member
   * @return the objects, empty if absent or null
   */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> objects(Map<String, Object> node, String key) {
    Object v = node.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw malformed(key + " is not an array");
    }
    for (Object item : list) {
      if (!(item instanceof Map)) {
        throw malformed(key + " holds a non-object");
      }
    }
    return (List<Map<String, Object>>) list;
  }

  /**
   * Returns a member that must be a non-blank string.
   *
   * @param node the parent object
   * @param key the member
   * @return the string
   */
  public static String string(Map<String, Object> node, String key) {
    return stringOpt(node, key).orElseThrow(() -> malformed(key + " is missing"));
  }

  /**
   * Returns a member that may be a string; numbers are accepted as their text.
   *
   * @param node the parent object
   * @param key the member
   * @return the string, empty if absent, null or blank
   */
  public static Optional<String> stringOpt(Map<String, Object> node, String key) {
    Object v = node.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof String s) {
      return s.isBlank() ? Optional.empty() : Optional.of(s);
    }
    if (v instanceof BigDecimal n) {
      return Optional.of(n.toPlainString());
    }
    throw malformed(key + " is not a string");
  }

  /**
   * Returns a member that must be a boolean.
   *
   * @param node the parent object
   * @param key the member
   * @return the boolean
   */
  public static boolean bool(Map<String, Object> node, String key) {
    return boolOpt(node, key).orElseThrow(() -> malformed(key + " is missing"));
  }

  /**
   * Returns a member that may be a boolean.
   *
   * @param node the parent object
   * @param key the member
   * @return the boolean, empty if absent or null
   */
  public static Optional<Boolean> boolOpt(Map<String, Object> node, String key) {
    Object v = node.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Boolean b) {
      return Optional.of(b);
    }
    throw malformed(key + " is not a boolean");
  }

  /**
   * Returns a member that must be an integer.
   *
   * @param node the parent object
   * @param key the member
   * @return the integer
   */
  public static long integer(Map<String, Object> node, String key) {
    return decimalOpt(node, key)
        .map(
            d -> {
              try {
                return d.longValueExact();
              } catch (ArithmeticException e) {
                throw malformed(key + " is not an integer");
              }
            })
        .orElseThrow(() -> malformed(key + " is missing"));
  }

  /**
   * Returns a member that may be an integer.
   *
   * @param node the parent object
   * @param key the member
   * @return the integer, empty if absent or null
   */
  public static OptionalInt intOpt(Map<String, Object> node, String key) {
    return node.get(key) == null ? OptionalInt.empty() : OptionalInt.of((int) integer(node, key));
  }

  /**
   * Returns a member that may be a number.
   *
   * @param node the parent object
   * @param key the member
   * @return the number, empty if absent or null
   */
  public static Optional<BigDecimal> decimalOpt(Map<String, Object> node, String key) {
    Object v = node.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof BigDecimal d) {
      return Optional.of(d);
    }
    throw malformed(key + " is not a number");
  }

  /**
   * Returns a member that may be an ISO date ({@code YYYY-MM-DD}).
   *
   * @param node the parent object
   * @param key the member
   * @return the date, empty if absent or null
   */
  public static Optional<LocalDate> dateOpt(Map<String, Object> node, String key) {
    return stringOpt(node, key)
        .map(
            s -> {
              try {
                return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
              } catch (DateTimeException e) {
                throw malformed(key + " is not a date");
              }
            });
  }

  /**
   * Returns a member that must be an ISO date.
   *
   * @param node the parent object
   * @param key the member
   * @return the date
   */
  public static LocalDate date(Map<String, Object> node, String key) {
    return dateOpt(node, key).orElseThrow(() -> malformed(key + " is missing"));
  }

  /**
   * Returns a member that may be a Unix timestamp in seconds, as a UTC date.
   *
   * @param node the parent object
   * @param key the member
   * @return the date, empty if absent or null
   */
  public static Optional<LocalDate> epochDateOpt(Map<String, Object> node, String key) {
    if (node.get(key) == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          LocalDate.ofInstant(Instant.ofEpochSecond(integer(node, key)), ZoneOffset.UTC));
    } catch (DateTimeException e) {
      throw malformed(key + " is not a timestamp");
    }
  }

  /**
   * Returns a member that may be a duration in seconds.
   *
   * @param node the parent object
   * @param key the member
   * @return the duration, empty if absent or null
   */
  public static Optional<Duration> secondsOpt(Map<String, Object> node, String key) {
    if (node.get(key) == null) {
      return Optional.empty();
    }
    long s = integer(node, key);
    if (s < 0) {
      throw malformed(key + " is negative");
    }
    return Optional.of(Duration.ofSeconds(s));
  }

  /**
   * Returns a member that may be an https URL.
   *
   * @param node the parent object
   * @param key the member
   * @return the URL, empty if absent or null
   */
  public static Optional<URI> urlOpt(Map<String, Object> node, String key) {
    return stringOpt(node, key)
        .map(
            s -> {
              try {
                URI u = new URI(s);
                if (!"https".equalsIgnoreCase(u.getScheme())
                    && !"http".equalsIgnoreCase(u.getScheme())) {
                  throw malformed(key + " is not an http(s) URL");
                }
                return u;
              } catch (URISyntaxException e) {
                throw malformed(key + " is not a URL");
              }
            });
  }
}
