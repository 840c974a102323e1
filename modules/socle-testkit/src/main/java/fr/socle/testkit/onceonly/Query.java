package fr.socle.testkit.onceonly;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed query string, repeated names kept in order ({@code prenoms[]}). */
final class Query {
  private final Map<String, List<String>> params = new LinkedHashMap<>();

  Query(String raw) {
    if (raw == null || raw.isEmpty()) {
      return;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
  }

  Optional<String> get(String name) {
    List<String> v = params.get(name);
    return v == null || v.isEmpty() || v.get(0).isBlank()
        ? Optional.empty()
        : Optional.of(v.get(0));
  }

  List<String> all(String name) {
    return params.getOrDefault(name, List.of());
  }

  Optional<Integer> integer(String name) {
    try {
      return get(name).map(Integer::parseInt);
    } catch (NumberFormatException e) {
      return Optional.of(Integer.MIN_VALUE);
    }
  }
}
