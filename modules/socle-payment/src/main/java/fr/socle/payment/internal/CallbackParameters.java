package fr.socle.payment.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads the operation id out of PayFiP's notification and return parameters. Stateless. */
public final class CallbackParameters {
  private CallbackParameters() {}

  /**
   * Extracts the operation id, whatever the parameters' source and the spelling PayFiP used ({@code
   * idop}, {@code idOp}, {@code IdOp}: any case).
   *
   * @param parameters values may be {@code String}, {@code String[]} or a collection of strings
   * @return the canonical id, empty if absent, malformed, or given twice with different values
   */
  public static Optional<String> idOpFrom(Map<String, ?> parameters) {
    String found = null;
    for (Map.Entry<String, ?> e : parameters.entrySet()) {
      if (e.getKey() == null || !"idop".equals(e.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      for (String value : values(e.getValue())) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) {
          continue;
        }
        if (found != null && !found.equals(v)) {
          return Optional.empty();
        }
        found = v;
      }
    }
    return IdOps.isWellFormed(found) ? Optional.of(IdOps.canonical(found)) : Optional.empty();
  }

  private static List<String> values(Object value) {
    if (value instanceof String) {
      return List.of((String) value);
    }
    if (value instanceof String[]) {
      return Arrays.asList((String[]) value);
    }
    if (value instanceof Collection) {
      return ((Collection<?>) value)
          .stream().map(o -> o == null ? null : o.toString()).collect(Collectors.toList());
    }
    return List.of();
  }
}
