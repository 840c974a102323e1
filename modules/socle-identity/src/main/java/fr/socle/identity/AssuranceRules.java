package fr.socle.identity;

import fr.socle.core.SocleClientException;
import fr.socle.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How each provider family is asked for an {@link Assurance}, and which ones it can grant.
 *
 * <p>FranceConnect and FranceConnect+ take {@code acr_values} (mandatory on v2). ProConnect's
 * current documentation no longer lists {@code acr_values}: a level is asked through the {@code
 * claims} parameter, {@code {"id_token":{"acr":{"essential":true,"values":[...]}}}}, and the
 * service checks the returned {@code acr} itself (partenaires.proconnect.gouv.fr,
 * double_authentification.md and implementation_technique.md §2.2.1.2, 2026).
 */
final class AssuranceRules {
  private AssuranceRules() {}

  /**
   * The requirement a client applies when the application sets none, after checking that the family
   * can grant the one it set.
   */
  static Assurance clientDefault(ProviderFamily family, Assurance configured) {
    switch (family) {
      case FRANCECONNECT:
        // acr_values is mandatory on FranceConnect v2, and eidas1 is all it grants.
        return configured == null
            ? Assurance.atLeast(EidasLevel.EIDAS1)
            : check(family, configured);
      case FRANCECONNECT_PLUS:
        return configured == null
            ? Assurance.atLeast(EidasLevel.EIDAS2)
            : check(family, configured);
      default:
        return configured == null ? null : check(family, configured);
    }
  }

  /** Refuses, before any redirect, a requirement the family cannot grant. */
  static Assurance check(ProviderFamily family, Assurance a) {
    EidasLevel level = a.minimumLevel().orElse(null);
    switch (family) {
      case FRANCECONNECT:
        if (level != EidasLevel.EIDAS1) {
          throw new SocleClientException(
              "FranceConnect only grants eidas1; use FranceConnect+ for eidas2 or eidas3");
        }
        return a;
      case FRANCECONNECT_PLUS:
        if (level == null || level.compareTo(EidasLevel.EIDAS2) < 0) {
          throw new SocleClientException("FranceConnect+ only grants eidas2 or eidas3");
        }
        return a;
      case PROCONNECT:
        return a;
      default:
        if (level == null) {
          throw new SocleClientException(
              a + " is a ProConnect requirement; generic providers take an eIDAS level");
        }
        return a;
    }
  }

  /**
   * Adds the parameters that ask for the requirement; with {@link Assurance#multiFactor()} the
   * {@code amr} claim is asked for too, since it carries the proof of the second factor.
   */
  static void addParameters(
      ProviderFamily family, Assurance a, Map<String, String> params, Json json) {
    if (a == null) {
      return;
    }
    if (family != ProviderFamily.PROCONNECT) {
      params.put("acr_values", a.minimumLevel().orElseThrow().acrValue());
      return;
    }
    Map<String, Object> acr = new LinkedHashMap<>();
    acr.put("essential", true);
    if (a.acrValues().size() == 1) {
      acr.put("value", a.acrValues().get(0));
    } else {
      acr.put("values", a.acrValues());
    }
    Map<String, Object> idToken = new LinkedHashMap<>();
    idToken.put("acr", acr);
    if (a.equals(Assurance.multiFactor())) {
      // amr tells whether ProConnect's own e-mail code was the second factor ("mail").
      idToken.put("amr", Map.of("essential", true));
    }
    params.put("claims", json.writeString(Map.of("id_token", idToken)));
  }
}
