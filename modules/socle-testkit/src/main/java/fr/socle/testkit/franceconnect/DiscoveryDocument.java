package fr.socle.testkit.franceconnect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code /.well-known/openid-configuration} document of each platform. */
final class DiscoveryDocument {
  private DiscoveryDocument() {}

  /**
   * The document.
   *
   * @param impostor advertise another issuer than the one the document is served under
   */
  static Map<String, Object> of(Registration reg, String issuer, boolean impostor) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("issuer", impostor ? TokenMinter.impostorIssuer(issuer) : issuer);
    doc.put("authorization_endpoint", issuer + "/authorize");
    doc.put("token_endpoint", issuer + "/token");
    doc.put("userinfo_endpoint", issuer + "/userinfo");
    doc.put("jwks_uri", issuer + "/jwks");
    doc.put("end_session_endpoint", issuer + "/session/end");
    doc.put("revocation_endpoint", issuer + "/token/revocation");
    doc.put("scopes_supported", new ArrayList<>(ClaimCatalogue.scopes(reg.flavour())));
    doc.put("response_types_supported", List.of("code"));
    doc.put("response_modes_supported", List.of("query"));
    doc.put("grant_types_supported", List.of("authorization_code"));
    doc.put(
        "subject_types_supported",
        List.of(reg.flavour() == Flavour.PROCONNECT ? "public" : "pairwise"));
    doc.put("acr_values_supported", AuthorizeRules.acrValuesSupported(reg.flavour()));
    doc.put("claims_parameter_supported", true);
    // FranceConnect's provider enables request objects (requestObjects: enabled, requestUri) and
    // advertises them, but its /authorize DTO whitelist refuses a request or request_uri parameter
    // (Y030007): the simulator reproduces both (france-connect sources:
    // back/instances/core-fcp-low/src/config/oidc-provider.ts, authorize-params.dto.ts).
    boolean requestObjects = reg.flavour() != Flavour.PROCONNECT;
    doc.put("request_parameter_supported", requestObjects);
    doc.put("request_uri_parameter_supported", requestObjects);
    doc.put(
        "token_endpoint_auth_methods_supported", List.of("client_secret_post", "private_key_jwt"));
    // The platform's algorithms, whatever this client registered.
    List<String> algs =
        switch (reg.flavour()) {
          case FC -> List.of("ES256", "RS256");
          case FC_PLUS -> List.of("ES256");
          case PROCONNECT -> List.of("ES256", "RS256", "HS256");
        };
    doc.put("id_token_signing_alg_values_supported", algs);
    doc.put("userinfo_signing_alg_values_supported", algs);
    if (reg.flavour() == Flavour.FC_PLUS) {
      List<String> jweAlgs = List.of("RSA-OAEP", "RSA-OAEP-256", "ECDH-ES");
      doc.put("id_token_encryption_alg_values_supported", jweAlgs);
      doc.put("id_token_encryption_enc_values_supported", List.of("A256GCM"));
      doc.put("userinfo_encryption_alg_values_supported", jweAlgs);
      doc.put("userinfo_encryption_enc_values_supported", List.of("A256GCM"));
    }
    if (reg.flavour() == Flavour.PROCONNECT) {
      doc.put("code_challenge_methods_supported", List.of("S256"));
      doc.put("prompt_values_supported", List.of("none", "login", "consent", "select_account"));
    } else {
      doc.put("prompt_values_supported", List.of("login", "consent"));
    }
    doc.put("authorization_response_iss_parameter_supported", true);
    // No frontchannel_logout_supported nor backchannel_logout_supported: both are disabled.
    return doc;
  }
}
