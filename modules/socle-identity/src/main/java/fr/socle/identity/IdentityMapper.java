package fr.socle.identity;

import fr.socle.core.SocleClientException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Turns verified claims into an {@link Identity}. */
final class IdentityMapper {
  private IdentityMapper() {}

  static Identity map(
      URI issuer,
      Map<String, Object> idToken,
      Map<String, Object> userinfo,
      String subject,
      String rawIdToken,
      ProviderTokens tokens) {
    Identity.Fields f = new Identity.Fields();
    f.issuer = issuer;
    f.subject = subject;
    f.idToken = rawIdToken;
    f.claims = userinfo;
    f.providerTokens = tokens;
    List<String> givenArray = strings(userinfo.get("given_name_array"));
    String given = text(userinfo, "given_name");
    if (!givenArray.isEmpty()) {
      f.givenNames = givenArray;
    } else if (given != null) {
      f.givenNames = Arrays.stream(given.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
    f.familyName = text(userinfo, "family_name");
    f.birthdate = date(text(userinfo, "birthdate"));
    f.idpBirthdate = date(text(userinfo, "idp_birthdate"));
    f.gender = Gender.fromClaim(text(userinfo, "gender")).orElse(null);
    f.birthplace = text(userinfo, "birthplace");
    f.birthcountry = text(userinfo, "birthcountry");
    f.email = text(userinfo, "email");
    f.preferredUsername = text(userinfo, "preferred_username");
    f.acr = text(idToken, "acr");
    List<String> amr = strings(idToken.get("amr"));
    f.amr = amr.isEmpty() ? strings(userinfo.get("amr")) : amr;
    f.idpId = firstText(userinfo, idToken, "idp_id");
    f.usualName = text(userinfo, "usual_name");
    f.uid = text(userinfo, "uid");
    f.siret = text(userinfo, "siret");
    f.organizationalUnit = text(userinfo, "organizational_unit");
    f.belongingPopulation = text(userinfo, "belonging_population");
    java.util.EnumSet<ProConnectRole> roles = java.util.EnumSet.noneOf(ProConnectRole.class);
    for (String r : strings(userinfo.get("roles"))) {
      ProConnectRole.fromClaim(r).ifPresent(roles::add);
    }
    f.roles = roles;
    f.organizationLabel = text(userinfo, "organization_label");
    return new Identity(f);
  }

  private static String firstText(Map<String, Object> a, Map<String, Object> b, String name) {
    String v = text(a, name);
    return v != null ? v : text(b, name);
  }

  /**
   * A string claim; an empty or blank string counts as absent (birthplace of people born abroad).
   */
  private static String text(Map<String, Object> claims, String name) {
    Object v = claims.get(name);
    if (v instanceof String s && !s.isBlank()) {
      return s;
    }
    return null;
  }

  private static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof String s && !s.isBlank()) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private static PartialDate date(String text) {
    if (text == null) {
      return null;
    }
    try {
      return PartialDate.parse(text);
    } catch (SocleClientException e) {
      // A malformed date from the provider is dropped rather than failing the login; the raw
      // value stays in claims().
      return null;
    }
  }
}
