package fr.socle.testkit.franceconnect;

import fr.socle.core.SocleException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Scopes each flavour knows and the claims they release (spec §1.8, §2.2). Aliases expand to their
 * members; userinfo carries only the claims of the granted scopes.
 */
final class ClaimCatalogue {
  private static final Map<String, List<String>> FC_SCOPES = new LinkedHashMap<>();
  private static final Map<String, List<String>> FC_PLUS_SCOPES = new LinkedHashMap<>();
  private static final Map<String, List<String>> PC_SCOPES = new LinkedHashMap<>();

  /** The CNAF/MSA and DSS data-provider scopes FranceConnect defines (API Particulier). */
  static final List<String> DATA_PROVIDER_SCOPES =
      List.of(
          "cnaf_quotient_familial",
          "cnaf_allocataires",
          "cnaf_enfants",
          "cnaf_adresse",
          "revenu_solidarite_active",
          "revenu_solidarite_active_majoration",
          "prime_activite",
          "prime_activite_majoration",
          "allocation_adulte_handicape",
          "allocation_soutien_familial",
          "complementaire_sante_solidaire");

  static {
    Map<String, List<String>> base = new LinkedHashMap<>();
    base.put("openid", List.of("sub"));
    base.put("family_name", List.of("family_name"));
    base.put("gender", List.of("gender"));
    base.put("birthdate", List.of("birthdate"));
    base.put("birthplace", List.of("birthplace"));
    base.put("birthcountry", List.of("birthcountry"));
    base.put("email", List.of("email"));
    base.put("preferred_username", List.of("preferred_username"));
    base.put("birth", List.of("birthplace", "birthcountry"));
    base.put("amr", List.of());
    // Data-provider scopes of "API FranceConnectées": they release no claim to the service
    // provider; they authorise a data provider (API Particulier) to answer for the user when it
    // checks the access token (spec once-only §1.7 and mocks/payloads/france_connect/*.yml;
    // france-connect sources: back/libs/scopes/src/data/cnaf-msa, dss).
    for (String s : DATA_PROVIDER_SCOPES) {
      base.put(s, List.of());
    }

    FC_SCOPES.putAll(base);
    FC_SCOPES.put("given_name", List.of("given_name", "given_name_array"));
    FC_SCOPES.put(
        "profile",
        List.of(
            "given_name",
            "given_name_array",
            "family_name",
            "birthdate",
            "gender",
            "preferred_username"));
    FC_SCOPES.put(
        "identite_pivot",
        List.of(
            "given_name",
            "given_name_array",
            "family_name",
            "birthdate",
            "gender",
            "birthplace",
            "birthcountry"));
    FC_SCOPES.put("idp_birthdate", List.of("idp_birthdate"));
    FC_SCOPES.put("idp_id", List.of("idp_id"));

    FC_PLUS_SCOPES.putAll(base);
    FC_PLUS_SCOPES.put("given_name", List.of("given_name"));
    FC_PLUS_SCOPES.put(
        "profile",
        List.of("given_name", "family_name", "birthdate", "gender", "preferred_username"));
    FC_PLUS_SCOPES.put(
        "identite_pivot",
        List.of("given_name", "family_name", "birthdate", "gender", "birthplace", "birthcountry"));
    // Reconciliation-only data from the national register (RNIPP); the simulator's register holds
    // the same values as its identity providers.
    FC_PLUS_SCOPES.put(
        "rnipp_given_name", List.of("given_name", "rnipp_given_name", "rnipp_given_name_array"));
    for (String c : List.of("family_name", "gender", "birthdate", "birthplace", "birthcountry")) {
      FC_PLUS_SCOPES.put("rnipp_" + c, List.of("rnipp_" + c));
    }
    FC_PLUS_SCOPES.put(
        "rnipp_profile",
        List.of(
            "rnipp_given_name",
            "rnipp_given_name_array",
            "rnipp_family_name",
            "rnipp_birthdate",
            "rnipp_gender"));
    FC_PLUS_SCOPES.put("rnipp_birth", List.of("rnipp_birthplace", "rnipp_birthcountry"));
    FC_PLUS_SCOPES.put(
        "rnipp_identite_pivot",
        List.of(
            "rnipp_given_name",
            "rnipp_given_name_array",
            "rnipp_family_name",
            "rnipp_birthdate",
            "rnipp_gender",
            "rnipp_birthplace",
            "rnipp_birthcountry"));

    PC_SCOPES.put("openid", List.of("sub"));
    for (String c :
        List.of(
            "given_name",
            "usual_name",
            "email",
            "uid",
            "siret",
            "siren",
            "organizational_unit",
            "belonging_population",
            "idp_id",
            "roles",
            "organization_label")) {
      PC_SCOPES.put(c, List.of(c));
    }
    PC_SCOPES.put("phone", List.of("phone_number"));
    PC_SCOPES.put("amr", List.of());
  }

  /**
   * FranceConnect's {@code idp_id} is the identity provider's {@code uid}, a UUID (france-connect
   * sources: back/apps/core-fcp/src/handlers/verify/core-fcp-default-verify.handler.ts,
   * getTechnicalClaims); this one is the sandbox's demo eIDAS-low identity provider, where the
   * {@code test} account lives.
   */
  static final String SANDBOX_IDP_ID = "e1e90d50-cca0-4a85-9db3-0bcc190ee6f7";

  /**
   * The FranceConnect+ mock identity provider's uid (france-connect sources:
   * docker/volumes/mongo-fcp-high/scripts/db-states/_default/idp.js, FIP1-HIGH).
   */
  static final String FC_PLUS_IDP_ID = "dedc7160-8811-4d0f-9dd7-c072c15f2f18";

  /** Display names ProConnect would give the test agents' organisations (organization_label). */
  private static final Map<String, String> ORGANIZATIONS =
      Map.of(
          "13002526500013", "DINUM",
          "21340172200015", "Commune de Montpellier");

  private ClaimCatalogue() {}

  /**
   * ProConnect's {@code roles}, computed from the legal category of the SIRET's organisation (API
   * Entreprise). The simulator approximates the category with the first digit of the SIREN, which
   * is 1 for the State and 2 for collectivités territoriales; anything else is not a public body.
   */
  static List<String> roles(String siret) {
    return switch (siret.charAt(0)) {
      case '1' -> List.of("agent_public", "agent_public_etat");
      case '2' -> List.of("agent_public", "agent_public_territorial");
      default -> List.of();
    };
  }

  static Set<String> scopes(Flavour flavour) {
    return catalogue(flavour).keySet();
  }

  /** The claims of a user released by the given scopes, in a stable order. */
  static Map<String, Object> claims(Flavour flavour, TestUser user, List<String> scopes) {
    Set<String> names = new LinkedHashSet<>();
    for (String scope : scopes) {
      names.addAll(catalogue(flavour).getOrDefault(scope, List.of()));
    }
    if (flavour == Flavour.PROCONNECT) {
      // ProConnect always tells which identity provider authenticated the agent.
      names.add("idp_id");
    }
    Map<String, Object> claims = new LinkedHashMap<>();
    for (String name : names) {
      if (!"sub".equals(name)) {
        Object value = value(flavour, user, name);
        if (value != null) {
          claims.put(name, value);
        }
      }
    }
    return claims;
  }

  private static Object value(Flavour flavour, TestUser user, String claim) {
    if (user instanceof TestIdentity p) {
      String name = claim.startsWith("rnipp_") ? claim.substring(6) : claim;
      return switch (name) {
        case "given_name" -> p.givenName();
        case "given_name_array" -> new ArrayList<>(p.givenNames());
        case "family_name" -> p.familyName();
        case "birthdate" -> p.completedBirthdate();
        case "idp_birthdate" -> p.birthdate();
        case "gender" -> p.gender();
        case "birthplace" -> p.birthplace();
        case "birthcountry" -> p.birthcountry();
        case "email" -> p.email();
        case "preferred_username" -> p.preferredUsername().isEmpty() ? null : p.preferredUsername();
        case "idp_id" -> flavour == Flavour.FC ? SANDBOX_IDP_ID : FC_PLUS_IDP_ID;
        default -> null;
      };
    }
    TestAgent a = (TestAgent) user;
    if (claim.equals("roles")) {
      return roles(a.siret());
    }
    String value =
        switch (claim) {
          case "given_name" -> a.givenName();
          case "usual_name" -> a.usualName();
          case "email" -> a.email();
          case "uid" -> a.uid();
          case "siret" -> a.siret();
          case "siren" -> a.siret().substring(0, 9);
          case "organizational_unit" -> a.organizationalUnit();
          case "belonging_population" -> a.belongingPopulation();
          case "phone_number" -> a.phoneNumber();
          case "idp_id" -> a.idpId();
          case "organization_label" -> ORGANIZATIONS.getOrDefault(a.siret(), "");
          default -> null;
        };
    return value == null || value.isEmpty() ? null : value;
  }

  /**
   * The subject: FranceConnect's pairwise {@code sub} (64 hex + {@code v1}, stable per service
   * provider and person, identical across logins) or ProConnect's public one (per identity
   * provider, identical for every service provider).
   */
  static String subject(Flavour flavour, String pairwiseSector, TestUser user) {
    if (user instanceof TestAgent a) {
      return UUID.nameUUIDFromBytes((a.idpId() + "\n" + a.uid()).getBytes(StandardCharsets.UTF_8))
          .toString();
    }
    return sha256Hex(flavour.cliName() + "\n" + pairwiseSector + "\n" + user.login()) + "v1";
  }

  static String sha256Hex(String input) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new SocleException("SHA-256 is missing from the JDK", e);
    }
  }

  private static Map<String, List<String>> catalogue(Flavour flavour) {
    return switch (flavour) {
      case FC -> FC_SCOPES;
      case FC_PLUS -> FC_PLUS_SCOPES;
      case PROCONNECT -> PC_SCOPES;
    };
  }
}
