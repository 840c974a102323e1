package fr.socle.refdata.internal;

import fr.socle.core.SocleServiceException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads values out of a parsed JSON tree tolerantly: unknown properties are ignored, numbers sent
 * as strings (and the reverse) are accepted, a missing or null optional property is empty; a
 * document of the wrong shape is a service error.
 */
public final class Tree {
  private Tree() {}

  /**
   * Casts to an object.
   *
   * @param node the node
   * @param what for the error
   * @return the map
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Object node, String what) {
    if (node instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw shape(what + " is not a JSON object");
  }

  /**
   * Casts to an array.
   *
   * @param node the node
   * @param what for the error
   * @return the list
   */
  @SuppressWarnings("unchecked")
  public static List<Object> array(Object node, String what) {
    if (node instanceof List<?> l) {
      return (List<Object>) l;
    }
    throw shape(what + " is not a JSON array");
  }

  /**
   * Reads an optional array property.
   *
   * @param o the object
   * @param key the property
   * @return the list, empty if absent
   */
  public static List<Object> arrayOrEmpty(Map<String, Object> o, String key) {
    Object v = o.get(key);
    return v == null ? List.of() : array(v, key);
  }

  /**
   * Reads an optional object property.
   *
   * @param o the object
   * @param key the property
   * @return the object, if present
   */
  public static Optional<Map<String, Object>> objectOpt(Map<String, Object> o, String key) {
    Object v = o.get(key);
    return v == null ? Optional.empty() : Optional.of(object(v, key));
  }

  /**
   * Reads an optional string (numbers are turned into their plain text).
   *
   * @param o the object
   * @param key the property
   * @return the value, empty if absent, null or blank
   */
  public static Optional<String> string(Map<String, Object> o, String key) {
    Object v = o.get(key);
    if (v == null) {
      return Optional.empty();
    }
    String s = v instanceof BigDecimal d ? d.toPlainString() : v.toString();
    return s.isBlank() ? Optional.empty() : Optional.of(s);
  }

  /**
   * Reads a required string.
   *
   * @param o the object
   * @param key the property
   * @return the value
   */
  public static String required(Map<String, Object> o, String key) {
    return string(o, key).orElseThrow(() -> shape("required property missing: " + key));
  }

  /**
   * Reads an optional number.
   *
   * @param o the object
   * @param key the property
   * @return the value
   */
  public static OptionalDouble number(Map<String, Object> o, String key) {
    Object v = o.get(key);
    try {
      if (v instanceof Number n) {
        return OptionalDouble.of(n.doubleValue());
      }
      if (v instanceof String s && !s.isBlank()) {
        return OptionalDouble.of(Double.parseDouble(s.trim()));
      }
    } catch (NumberFormatException e) {
      throw shape("not a number: " + key);
    }
    if (v == null || v instanceof String) {
      return OptionalDouble.empty();
    }
    throw shape("not a number: " + key);
  }

  /**
   * Reads an optional integer.
   *
   * @param o the object
   * @param key the property
   * @return the value
   */
  public static OptionalInt integer(Map<String, Object> o, String key) {
    OptionalDouble d = number(o, key);
    return d.isPresent() ? OptionalInt.of((int) d.getAsDouble()) : OptionalInt.empty();
  }

  /**
   * Reads an optional long integer.
   *
   * @param o the object
   * @param key the property
   * @return the value
   */
  public static OptionalLong longInt(Map<String, Object> o, String key) {
    OptionalDouble d = number(o, key);
    return d.isPresent() ? OptionalLong.of((long) d.getAsDouble()) : OptionalLong.empty();
  }

  /**
   * Reads an optional boolean.
   *
   * @param o the object
   * @param key the property
   * @return the value, empty if absent
   */
  public static Optional<Boolean> bool(Map<String, Object> o, String key) {
    Object v = o.get(key);
    if (v instanceof Boolean b) {
      return Optional.of(b);
    }
    if (v instanceof String s && (s.equals("true") || s.equals("false"))) {
      return Optional.of(Boolean.parseBoolean(s));
    }
    return Optional.empty();
  }

  /**
   * Reads a list of strings.
   *
   * @param o the object
   * @param key the property
   * @return the strings, empty if absent
   */
  public static List<String> strings(Map<String, Object> o, String key) {
    return arrayOrEmpty(o, key).stream()
        .filter(x -> x != null)
        .map(x -> x instanceof BigDecimal d ? d.toPlainString() : x.toString())
        .toList();
  }

  /**
   * An error for a document of the wrong shape.
   *
   * @param message what is wrong
   * @return the exception
   */
  public static SocleServiceException shape(String message) {
    return new SocleServiceException(
        "unexpected response shape: " + message, 200, "malformed_response", null);
  }
}
