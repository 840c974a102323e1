package fr.socle.testkit.franceconnect;

import java.util.Map;
import java.util.Set;

/**
 * Checks the client's authentication at the token and revocation endpoints against the registered
 * method: the secret (client_secret_post) or a private_key_jwt assertion.
 */
final class ClientAuthenticator {
  private final Registration reg;
  private final String issuer;
  private final ClientAssertions assertions;

  ClientAuthenticator(Registration reg, String issuer, ClientAssertions assertions) {
    this.reg = reg;
    this.issuer = issuer;
    this.assertions = assertions;
  }

  /**
   * Null if the client authenticated with its registered method, else why not. Using another method
   * than the registered one fails as on FranceConnect ({@code Y044D82C}, "the provided
   * authentication mechanism does not match the registered client authentication method").
   */
  String error(Map<String, String> p) {
    boolean assertion = p.containsKey("client_assertion") || p.containsKey("client_assertion_type");
    boolean secret = p.containsKey("client_secret");
    if (assertion == secret || assertion != (assertions != null)) {
      return "the provided authentication mechanism does not match the registered client"
          + " authentication method";
    }
    String clientId = p.get("client_id");
    if (clientId != null && !reg.clientId().equals(clientId)) {
      return "client authentication failed";
    }
    if (assertions != null) {
      if (!ClientAssertions.TYPE.equals(p.get("client_assertion_type"))) {
        return "unsupported client_assertion_type";
      }
      return assertions.invalid(
          p.getOrDefault("client_assertion", ""), Set.of(issuer + "/token", issuer));
    }
    return clientId != null && reg.clientSecret().matches(p.get("client_secret"))
        ? null
        : "client authentication failed";
  }
}
