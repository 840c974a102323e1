package fr.socle.testkit.franceconnect;

import fr.socle.core.json.Json;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks the platforms apply to an authorization request (spec §1.3, §2.2 and the servers'
 * request DTOs), and the level they grant.
 */
final class AuthorizeRules {
  private static final Set<String> PROCONNECT_PARAMETERS =
      Set.of(
          "response_type",
          "client_id",
          "redirect_uri",
          "scope",
          "state",
          "nonce",
          "claims",
          "prompt",
          "idp_hint",
          "login_hint",
          "siret_hint",
          "acr_values",
          "code_challenge",
          "code_challenge_method");

  /**
   * The properties of FranceConnect's {@code AuthorizeParamsDto}, validated with {@code
   * forbidNonWhitelisted}: any other parameter ({@code response_mode}, {@code request}, {@code
   * login_hint}, {@code code_challenge}...) fails the DTO and shows {@code Y030007} (france-connect
   * sources: back/apps/core-fcp/src/dto/authorize-params.dto.ts and
   * back/apps/core-fcp/src/controllers/oidc-provider.controller.ts, {@code validatorOptions}).
   */
  private static final Set<String> FRANCECONNECT_PARAMETERS =
      Set.of(
          "client_id",
          "acr_values",
          "claims",
          "response_type",
          "nonce",
          "state",
          "redirect_uri",
          "scope",
          "prompt",
          "idp_hint",
          "ui_locales");

  private final Registration reg;
  private final Json json;

  AuthorizeRules(Registration reg, Json json) {
    this.reg = reg;
    this.json = json;
  }

  static List<String> acrValuesSupported(Flavour flavour) {
    return switch (flavour) {
      case FC -> List.of("eidas1");
      case FC_PLUS -> List.of("eidas2", "eidas3");
      case PROCONNECT ->
          List.of(
              "eidas0",
              "eidas0-mfa",
              "eidas1",
              "eidas1-mfa",
              "eidas2",
              "eidas3",
              "https://proconnect.gouv.fr/assurance/certification-dirigeant");
    };
  }

  /** The first format error of the request, or null; the checks of the real DTOs. */
  String invalidParameter(Map<String, String> p) {
    Set<String> known =
        reg.flavour() == Flavour.PROCONNECT ? PROCONNECT_PARAMETERS : FRANCECONNECT_PARAMETERS;
    for (String name : p.keySet()) {
      if (!known.contains(name)) {
        return "Paramètre inconnu : " + name;
      }
    }
    if (!"code".equals(p.get("response_type"))) {
      return "response_type doit valoir code.";
    }
    String scope = p.get("scope");
    if (scope == null || !List.of(scope.trim().split("[ +]+")).contains("openid")) {
      return "Le scope doit contenir openid.";
    }
    String state = p.get("state");
    if (state == null || state.isBlank()) {
      return "Le paramètre state est obligatoire.";
    }
    String nonce = p.get("nonce");
    if (reg.flavour() != Flavour.PROCONNECT || nonce != null) {
      if (nonce == null
          || nonce.length() < reg.nonceMinLength()
          || nonce.length() > reg.nonceMaxLength()) {
        return "Le paramètre nonce est absent ou n'a pas le format attendu.";
      }
    }
    if (reg.flavour() == Flavour.FC && p.get("acr_values") == null) {
      return "Le paramètre acr_values est obligatoire.";
    }
    String prompt = p.get("prompt");
    if (prompt != null) {
      Set<String> allowed =
          reg.flavour() == Flavour.PROCONNECT
              ? Set.of("none", "login", "consent", "select_account")
              : Set.of("login", "consent");
      for (String value : prompt.trim().split(" +")) {
        if (!allowed.contains(value)) {
          return "Valeur de prompt non supportée : " + value;
        }
      }
    }
    String claims = p.get("claims");
    if (claims != null) {
      try {
        json.read(claims, Map.class);
      } catch (RuntimeException e) {
        return "Le paramètre claims n'est pas un JSON valide.";
      }
    }
    if (reg.flavour() == Flavour.PROCONNECT && p.containsKey("code_challenge")) {
      if (!"S256".equals(p.get("code_challenge_method"))
          || !p.get("code_challenge").matches("[A-Za-z0-9_-]{43}")) {
        return "PKCE : seule la méthode S256 est acceptée.";
      }
    }
    return null;
  }

  /**
   * The level granted: FranceConnect only knows eidas1; FranceConnect+ takes the lowest of
   * eidas2/eidas3 (eidas3 when absent or all unknown, null when eidas1 only is asked); ProConnect
   * reads the essential {@code acr} of the {@code claims} parameter (its documented way since
   * 2026), else {@code acr_values}, and answers eidas1 by default.
   *
   * <p>ProConnect's simulated identity providers authenticate with a password only, like most of
   * the real ones in 2026: a request that only accepts {@code -mfa} levels and above is met by
   * ProConnect's own e-mail one-time code, answered {@code eidas1-mfa} (double_authentification.md
   * §0). Values it does not define (the pre-June-2026 {@code .../assurance/...} URIs) are refused.
   */
  String grantedAcr(Map<String, String> p) {
    String acrValues = p.get("acr_values");
    List<String> asked =
        acrValues == null || acrValues.isBlank()
            ? List.of()
            : Arrays.asList(acrValues.trim().split("[ +]+"));
    if (reg.flavour() == Flavour.PROCONNECT) {
      List<String> claimed = essentialAcr(p.get("claims"));
      if (!claimed.isEmpty()) {
        asked = claimed;
      }
    }
    switch (reg.flavour()) {
      case FC:
        return asked.contains("eidas1") ? "eidas1" : null;
      case FC_PLUS:
        if (asked.contains("eidas2")) {
          return "eidas2";
        }
        if (asked.contains("eidas3") || asked.stream().noneMatch("eidas1"::equals)) {
          return "eidas3";
        }
        return null;
      default:
        List<String> supported = acrValuesSupported(reg.flavour());
        List<String> known = asked.stream().filter(supported::contains).toList();
        if (asked.isEmpty()) {
          return "eidas1";
        }
        if (known.isEmpty()) {
          return null;
        }
        for (String a : known) {
          if (a.equals("eidas0") || a.equals("eidas1")) {
            return a;
          }
        }
        if (known.contains("eidas0-mfa") || known.contains("eidas1-mfa")) {
          return "eidas1-mfa";
        }
        return known.get(0);
    }
  }

  /** The values of {@code claims.id_token.acr} ({@code values} or {@code value}), if any. */
  private List<String> essentialAcr(String claims) {
    if (claims == null) {
      return List.of();
    }
    Object idToken = json.read(claims, Map.class).get("id_token");
    if (!(idToken instanceof Map<?, ?> it) || !(it.get("acr") instanceof Map<?, ?> acr)) {
      return List.of();
    }
    if (acr.get("values") instanceof List<?> values) {
      return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    return acr.get("value") instanceof String v ? List.of(v) : List.of();
  }

  @SuppressWarnings("unchecked")
  boolean amrRequested(Map<String, String> p, List<String> scopes) {
    if (scopes.contains("amr")) {
      return true;
    }
    String claims = p.get("claims");
    if (claims == null) {
      return false;
    }
    Object idToken = json.read(claims, Map.class).get("id_token");
    return idToken instanceof Map<?, ?> m && m.containsKey("amr");
  }
}
