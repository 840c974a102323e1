package fr.socle.identity.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import fr.socle.core.Secret;
import fr.socle.identity.IdentityClient;
import fr.socle.identity.IdentityClientBuilder;
import fr.socle.identity.IdentityProvider;
import fr.socle.identity.ProviderFamily;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted OpenID provider on WireMock for unit tests: it serves discovery and keys, and each
 * test scripts the token and userinfo answers of one login, signing them with keys it controls.
 * Independent of the testkit simulator on purpose: tests here drive every byte the client sees.
 */
public final class ScriptedProvider implements AutoCloseable {
  public static final String CLIENT_ID =
      "211286433e39cce01db448d80181bdfd005554b19cd51b3fe7943f6b3b86ab6e";
  public static final String CLIENT_SECRET =
      "4f7d8a3c5b6e1f2a9d0c7b8e5f4a3d2c1b0e9f8a7d6c5b4a3f2e1d0c9b8a7f6e";
  public static final String TRANSACTION_KEY = "an application secret of at least 32 bytes!";
  public static final String SUB =
      "4ce4f0ab0f0b5a70e0f6b5f5c0e2b2a5c1b1ad57b57f4e3bd0c0b6e8bbf21536v1";

  private final WireMockServer server;
  private final ProviderFamily family;
  private final Map<String, Object> discovery = new LinkedHashMap<>();
  private final ECKey signingKey;
  private final RSAKey rsaSigningKey;
  private final RSAKey applicationEncryptionKey;
  private List<JWK> published = new ArrayList<>();

  /** Keys generated once per JVM: RSA generation is slow and tests do not need fresh keys. */
  private static final class Keys {
    final ECKey signing;
    final RSAKey rsaSigning;
    final RSAKey applicationEncryption;

    Keys() {
      try {
        signing =
            new ECKeyGenerator(Curve.P_256)
                .keyID("pkcs11:ES256:hsm")
                .keyUse(KeyUse.SIGNATURE)
                .generate();
        rsaSigning = new RSAKeyGenerator(2048).keyID("rsa-1").keyUse(KeyUse.SIGNATURE).generate();
        applicationEncryption =
            new RSAKeyGenerator(2048).keyID("app-enc-1").keyUse(KeyUse.ENCRYPTION).generate();
      } catch (com.nimbusds.jose.JOSEException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static final Keys KEYS = new Keys();

  private ScriptedProvider(ProviderFamily family) {
    this.family = family;
    this.server =
        new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    signingKey = KEYS.signing;
    rsaSigningKey = KEYS.rsaSigning;
    applicationEncryptionKey = KEYS.applicationEncryption;
    String issuer = issuer();
    discovery.put("issuer", issuer);
    discovery.put("authorization_endpoint", issuer + "/authorize");
    discovery.put("token_endpoint", issuer + "/token");
    discovery.put("userinfo_endpoint", issuer + "/userinfo");
    discovery.put("jwks_uri", issuer + "/jwks");
    discovery.put("end_session_endpoint", issuer + "/session/end");
    discovery.put("response_types_supported", List.of("code"));
    discovery.put("subject_types_supported", List.of("pairwise"));
    discovery.put("id_token_signing_alg_values_supported", List.of("ES256", "RS256"));
    discovery.put("authorization_response_iss_parameter_supported", true);
    if (family == ProviderFamily.PROCONNECT || family == ProviderFamily.GENERIC) {
      discovery.put("code_challenge_methods_supported", List.of("S256"));
    }
    publishDiscovery();
    publishKeys(signingKey.toPublicJWK(), rsaSigningKey.toPublicJWK());
  }

  /** Starts a provider of the given family. */
  public static ScriptedProvider start(ProviderFamily family) {
    return new ScriptedProvider(family);
  }

  public WireMockServer server() {
    return server;
  }

  public ProviderFamily family() {
    return family;
  }

  public String issuer() {
    return "http://127.0.0.1:" + server.port() + "/api/v2";
  }

  /** The discovery document, to alter before {@link #publishDiscovery()}. */
  public Map<String, Object> discovery() {
    return discovery;
  }

  public ECKey signingKey() {
    return signingKey;
  }

  public RSAKey rsaSigningKey() {
    return rsaSigningKey;
  }

  public RSAKey applicationEncryptionKey() {
    return applicationEncryptionKey;
  }

  public IdentityProvider provider() {
    URI issuer = URI.create(issuer());
    switch (family) {
      case FRANCECONNECT:
        return IdentityProvider.franceConnect(issuer);
      case FRANCECONNECT_PLUS:
        return IdentityProvider.franceConnectPlus(issuer);
      case PROCONNECT:
        return IdentityProvider.proConnect(issuer);
      default:
        return IdentityProvider.oidc(issuer);
    }
  }

  /** A client builder registered at this provider. */
  public IdentityClientBuilder clientBuilder() {
    IdentityClientBuilder b =
        IdentityClient.builder()
            .provider(provider())
            .clientId(CLIENT_ID)
            .clientSecret(Secret.of(CLIENT_SECRET))
            .redirectUri(URI.create("http://localhost:8080/auth/callback"))
            .postLogoutRedirectUri(URI.create("http://localhost:8080/auth/logged-out"))
            .transactionKey(Secret.of(TRANSACTION_KEY));
    if (family == ProviderFamily.FRANCECONNECT_PLUS) {
      try {
        b.decryptionKey(applicationEncryptionKey.getKeyID(), applicationEncryptionKey.toKeyPair());
      } catch (com.nimbusds.jose.JOSEException e) {
        throw new IllegalStateException(e);
      }
    }
    return b;
  }

  public void publishDiscovery() {
    server.stubFor(
        get(urlPathEqualTo("/api/v2/.well-known/openid-configuration"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(discovery))));
  }

  /** Serves these public keys at {@code /jwks}. */
  public void publishKeys(JWK... keys) {
    published = List.of(keys);
    server.stubFor(
        get(urlPathEqualTo("/api/v2/jwks"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(new JWKSet(published).toString())));
  }

  /** Makes {@code /jwks} answer 503. */
  public void jwksDown() {
    server.stubFor(
        get(urlPathEqualTo("/api/v2/jwks"))
            .willReturn(aResponse().withStatus(503).withBody("down")));
  }

  /** Makes the token endpoint answer with this status, type and body. */
  public void tokenAnswers(int status, String contentType, String body) {
    server.stubFor(
        post(urlPathEqualTo("/api/v2/token"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", contentType)
                    .withBody(body)));
  }

  /** Makes the userinfo endpoint answer with this status, type and body. */
  public void userinfoAnswers(int status, String contentType, String body) {
    server.stubFor(
        get(urlPathEqualTo("/api/v2/userinfo"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", contentType)
                    .withBody(body)));
  }

  /** Starts scripting the answers to the login whose authorization URL the client built. */
  public ScriptedLogin login(URI authorizationUri) {
    return new ScriptedLogin(this, query(authorizationUri));
  }

  /** Decodes a URI's query. */
  public static Map<String, String> query(URI uri) {
    Map<String, String> out = new HashMap<>();
    if (uri.getRawQuery() == null) {
      return out;
    }
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Override
  public void close() {
    server.stop();
  }
}
