package fr.socle.testkit.onceonly;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The FranceConnect side of API Particulier's {@code /france_connect} routes: which data scope a
 * route needs, and the pivot identity FranceConnect returned turned into the civil-status query the
 * data provider is asked with.
 */
final class FranceConnectScopes {
  private FranceConnectScopes() {}

  /**
   * Whether the token's scopes authorise the route. The scope names are FranceConnect's (spec
   * once-only §1.7, france-connect sources back/libs/scopes/src/data/cnaf-msa and dss); the EAJE
   * participation is read with the CNAF scopes (mocks/payloads/france_connect/cnaf_eaje.yml).
   * Production answers 403 {@code 00100} (openapi-particulier.yaml); the sandbox's mocks README
   * says 401, but it does not filter by scope at all, so production's rule is the one to simulate.
   */
  static boolean allows(String path, List<String> scopes) {
    String[] parts = path.split("/");
    String route = parts.length > 3 ? parts[3] : "";
    return switch (route) {
      case "quotient_familial", "participation_familiale_eaje" ->
          scopes.contains("cnaf_quotient_familial");
      case "statut_etudiant" -> scopes.stream().anyMatch(s -> s.startsWith("mesri_"));
      case "etudiant_boursier" -> scopes.stream().anyMatch(s -> s.startsWith("cnous_"));
      default -> scopes.contains(route);
    };
  }

  /**
   * The civil-status query of the pivot identity, or empty if FranceConnect did not release it (the
   * token lacks the identity scopes, which API Particulier needs to ask the provider: mocks/README
   * "En utilisant le FranceConnect d'integration").
   */
  static Optional<String> pivotQuery(Map<String, Object> claims) {
    Optional<String> family = text(claims, "family_name");
    Optional<String> given = text(claims, "given_name");
    Optional<String> gender = text(claims, "gender");
    Optional<String> birthdate = text(claims, "birthdate");
    Optional<String> country = text(claims, "birthcountry");
    if (family.isEmpty()
        || given.isEmpty()
        || gender.isEmpty()
        || birthdate.isEmpty()
        || country.isEmpty()
        || !birthdate.get().matches("\\d{4}-\\d{2}-\\d{2}")) {
      return Optional.empty();
    }
    StringJoiner q = new StringJoiner("&");
    q.add(param("nomNaissance", family.get()));
    List<String> prenoms = new ArrayList<>(List.of(given.get().trim().split("\\s+")));
    for (String p : prenoms.subList(0, Math.min(3, prenoms.size()))) {
      q.add(param("prenoms[]", p));
    }
    q.add(param("sexeEtatCivil", gender.get().equals("female") ? "F" : "M"));
    q.add(param("codeCogInseePaysNaissance", country.get()));
    text(claims, "birthplace").ifPresent(c -> q.add(param("codeCogInseeCommuneNaissance", c)));
    String[] ymd = birthdate.get().split("-");
    q.add(param("anneeDateNaissance", ymd[0]));
    q.add(param("moisDateNaissance", Integer.toString(Integer.parseInt(ymd[1]))));
    q.add(param("jourDateNaissance", Integer.toString(Integer.parseInt(ymd[2]))));
    return Optional.of(q.toString());
  }

  private static Optional<String> text(Map<String, Object> claims, String name) {
    return claims.get(name) instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
  }

  private static String param(String name, String value) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8)
        + "="
        + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
