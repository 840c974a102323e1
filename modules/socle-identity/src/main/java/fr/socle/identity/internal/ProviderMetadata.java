package fr.socle.identity.internal;

import java.net.URI;
import java.util.List;

/**
 * The parts of a discovery document the client uses.
 *
 * @param issuer the issuer, as stated by the document (checked equal to the expected one)
 * @param authorizationEndpoint the authorization endpoint
 * @param tokenEndpoint the token endpoint
 * @param userinfoEndpoint the userinfo endpoint, null if none
 * @param jwksUri the provider's key set
 * @param endSessionEndpoint the RP-initiated logout endpoint, null if none
 * @param codeChallengeMethods {@code code_challenge_methods_supported}
 * @param issParameterSupported {@code authorization_response_iss_parameter_supported}
 * @param tokenEndpointAuthMethods {@code token_endpoint_auth_methods_supported}
 */
public record ProviderMetadata(
    String issuer,
    URI authorizationEndpoint,
    URI tokenEndpoint,
    URI userinfoEndpoint,
    URI jwksUri,
    URI endSessionEndpoint,
    List<String> codeChallengeMethods,
    boolean issParameterSupported,
    List<String> tokenEndpointAuthMethods) {
  /** Copies the lists. */
  public ProviderMetadata {
    codeChallengeMethods = List.copyOf(codeChallengeMethods);
    tokenEndpointAuthMethods = List.copyOf(tokenEndpointAuthMethods);
  }
}
