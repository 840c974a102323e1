package fr.socle.identity.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.Secret;
import fr.socle.core.SocleClientException;
import fr.socle.identity.Identity;
import fr.socle.identity.IdentityClient;
import fr.socle.identity.IdentityClientBuilder;
import fr.socle.identity.IdentityProvider;
import fr.socle.identity.InvalidTokenException;
import fr.socle.identity.LoginOptions;
import fr.socle.identity.LoginStart;
import fr.socle.identity.Scope;
import fr.socle.identity.TokenEndpointAuth;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The generic OpenID Connect path of {@link IdentityClient} against an implementation Socle did not
 * write: NAV's {@code mock-oauth2-server} (Kotlin, on Nimbus OAuth SDK), RS256, JSON userinfo, no
 * RFC 9207 {@code iss}, no {@code at_hash}. It checks that nothing in the client silently depends
 * on the FranceConnect simulator's habits.
 *
 * <p>Not covered here because this provider cannot produce them: a wrong {@code aud} (it always
 * sets the ID token's audience to the requesting client id) and a discovery issuer mismatch (it
 * derives its issuer from the request's host). Both run against the FranceConnect simulator.
 */
@DisplayName("Generic OIDC against no.nav.security:mock-oauth2-server")
class GenericOidcAgainstMockOAuth2ServerTest {
  private static final String CLIENT_ID = "socle-generic-client";
  private static final Secret CLIENT_SECRET =
      Secret.of("generic-client-secret-0123456789abcdef0123456789");
  private static final URI REDIRECT = URI.create("http://localhost:8080/login/callback");

  private final HttpClient browser =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private MockOAuth2Server server;

  @BeforeEach
  void start() {
    server = new MockOAuth2Server();
    server.start();
  }

  @AfterEach
  void stop() {
    server.shutdown();
  }

  private URI issuer() {
    return URI.create(server.issuerUrl("default").toString());
  }

  private IdentityClientBuilder client(URI issuer) {
    return IdentityClient.builder()
        .provider(IdentityProvider.oidc(issuer))
        .clientId(CLIENT_ID)
        .clientSecret(CLIENT_SECRET)
        .redirectUri(REDIRECT)
        .postLogoutRedirectUri(URI.create("http://localhost:8080/logout/callback"))
        .scopes(Scope.PROFILE, Scope.EMAIL)
        .transactionKey(Conformance.TRANSACTION_KEY);
  }

  private void nextToken(String subject, List<String> audience, long expirySeconds) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("given_name", "Angela Claire Louise");
    claims.put("family_name", "DUBOIS");
    claims.put("email", "angela@example.org");
    server.enqueueCallback(
        new DefaultOAuth2TokenCallback("default", subject, "JWT", audience, claims, expirySeconds));
  }

  /** The browser: the provider redirects at once (non-interactive login). */
  private Map<String, String> authorize(URI authorizationUri) throws Exception {
    HttpResponse<String> response =
        browser.send(
            HttpRequest.newBuilder(authorizationUri).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isBetween(301, 303);
    URI callback = URI.create(response.headers().firstValue("Location").orElseThrow());
    assertThat(callback.toString()).startsWith(REDIRECT.toString());
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : callback.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      params.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return params;
  }

  private Identity login(IdentityClient client) throws Exception {
    LoginStart start = client.begin();
    return client.complete(authorize(start.authorizationUri()), start.sealedTransaction());
  }

  private List<RecordedRequest> recorded() {
    List<RecordedRequest> requests = new ArrayList<>();
    while (true) {
      try {
        requests.add(server.takeRequest(100, TimeUnit.MILLISECONDS));
      } catch (RuntimeException drained) {
        // mock-oauth2-server signals an empty queue with an exception
        return requests;
      }
    }
  }

  @Test
  @DisplayName("login_hint and prompt reach the provider; idp_hint is refused before any redirect")
  void loginOptions() throws Exception {
    nextToken("subject-hint", List.of(CLIENT_ID), 60);
    try (IdentityClient client = client(issuer()).build()) {
      LoginStart start =
          client.begin(LoginOptions.builder().loginHint("angela@example.org").build());
      assertThat(
              client
                  .complete(authorize(start.authorizationUri()), start.sealedTransaction())
                  .subject())
          .isEqualTo("subject-hint");
      assertThat(
              recorded().stream()
                  .filter(r -> r.getPath().contains("/authorize"))
                  .findFirst()
                  .orElseThrow()
                  .getPath())
          .contains("login_hint=angela%40example.org");
      // prompt=login: this provider then shows its login form instead of redirecting at once
      URI reauth =
          client
              .begin(LoginOptions.builder().prompt(LoginOptions.Prompt.LOGIN).build())
              .authorizationUri();
      HttpResponse<String> page =
          browser.send(
              HttpRequest.newBuilder(reauth).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).containsIgnoringCase("<form");
      assertThatThrownBy(() -> client.begin(LoginOptions.builder().idpHint("x").build()))
          .isInstanceOf(SocleClientException.class);
    }
  }

  @Test
  @DisplayName("rp-response_type-code / rp-scope-userinfo-claims: code flow with JSON userinfo")
  void codeFlow_withJsonUserinfo() throws Exception {
    nextToken("subject-123", List.of(CLIENT_ID), 60);
    try (IdentityClient client = client(issuer()).build()) {
      Identity identity = login(client);
      assertThat(identity.subject()).isEqualTo("subject-123");
      assertThat(identity.givenNames()).containsExactly("Angela", "Claire", "Louise");
      assertThat(identity.familyName()).contains("DUBOIS");
      assertThat(identity.email()).contains("angela@example.org");
      assertThat(identity.issuer()).isEqualTo(issuer());
    }
    RecordedRequest userinfo =
        recorded().stream()
            .filter(r -> r.getPath().endsWith("/userinfo"))
            .findFirst()
            .orElseThrow();
    assertThat(userinfo.getHeader("Authorization")).startsWith("Bearer ");
    assertThat(userinfo.getPath()).doesNotContain("access_token");
  }

  @Test
  @DisplayName("rp-token_endpoint-client_secret_basic: credentials in the Authorization header")
  void clientSecretBasic() throws Exception {
    nextToken("subject-basic", List.of(CLIENT_ID), 60);
    try (IdentityClient client =
        client(issuer()).tokenEndpointAuth(TokenEndpointAuth.CLIENT_SECRET_BASIC).build()) {
      assertThat(login(client).subject()).isEqualTo("subject-basic");
    }
    RecordedRequest token =
        recorded().stream().filter(r -> r.getPath().endsWith("/token")).findFirst().orElseThrow();
    String expected =
        java.util.Base64.getEncoder()
            .encodeToString(
                (CLIENT_ID + ":" + CLIENT_SECRET.reveal()).getBytes(StandardCharsets.UTF_8));
    assertThat(token.getHeader("Authorization")).isEqualTo("Basic " + expected);
    assertThat(token.getBody().readUtf8())
        .contains("grant_type=authorization_code")
        .doesNotContain("client_secret");
  }

  @Test
  @DisplayName("client_secret_post: credentials in the form body")
  void clientSecretPost() throws Exception {
    nextToken("subject-post", List.of(CLIENT_ID), 60);
    try (IdentityClient client = client(issuer()).build()) {
      assertThat(login(client).subject()).isEqualTo("subject-post");
    }
    RecordedRequest token =
        recorded().stream().filter(r -> r.getPath().endsWith("/token")).findFirst().orElseThrow();
    assertThat(token.getHeader("Authorization")).isNull();
    assertThat(token.getBody().readUtf8())
        .contains("client_id=" + CLIENT_ID)
        .contains("client_secret=");
  }

  @Test
  @DisplayName("private_key_jwt: an ES256 assertion for the token endpoint, no secret sent")
  void privateKeyJwt() throws Exception {
    nextToken("subject-pkj", List.of(CLIENT_ID), 60);
    java.security.KeyPair key = Conformance.ecKeyPair();
    try (IdentityClient client =
        client(issuer())
            .clientSecret(null)
            .tokenEndpointAuth(TokenEndpointAuth.PRIVATE_KEY_JWT)
            .clientSigningKey("generic-ec", key)
            .build()) {
      assertThat(login(client).subject()).isEqualTo("subject-pkj");
    }
    RecordedRequest token =
        recorded().stream().filter(r -> r.getPath().endsWith("/token")).findFirst().orElseThrow();
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : token.getBody().readUtf8().split("&")) {
      String[] kv = pair.split("=", 2);
      form.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    assertThat(form)
        .doesNotContainKey("client_secret")
        .containsEntry(
            "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    com.nimbusds.jwt.SignedJWT assertion =
        com.nimbusds.jwt.SignedJWT.parse(form.get("client_assertion"));
    assertThat(
            assertion.verify(
                new com.nimbusds.jose.crypto.ECDSAVerifier(
                    (java.security.interfaces.ECPublicKey) key.getPublic())))
        .isTrue();
    assertThat(assertion.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
    assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo(CLIENT_ID);
    assertThat(assertion.getJWTClaimsSet().getSubject()).isEqualTo(CLIENT_ID);
    assertThat(assertion.getJWTClaimsSet().getAudience())
        .containsExactly(server.tokenEndpointUrl("default").toString());
    assertThat(assertion.getJWTClaimsSet().getJWTID()).isNotBlank();
  }

  @Test
  @DisplayName("request object: the parameters signed with the client key; the login completes")
  void requestObject() throws Exception {
    nextToken("subject-jar", List.of(CLIENT_ID), 60);
    java.security.KeyPair key = Conformance.ecKeyPair();
    try (IdentityClient client =
        client(issuer()).clientSigningKey("generic-ec", key).requestObjects(true).build()) {
      LoginStart start = client.begin();
      assertThat(
              client
                  .complete(authorize(start.authorizationUri()), start.sealedTransaction())
                  .subject())
          .isEqualTo("subject-jar");
      Map<String, String> sent = new LinkedHashMap<>();
      for (String pair : start.authorizationUri().getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        sent.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
      }
      com.nimbusds.jwt.SignedJWT request = com.nimbusds.jwt.SignedJWT.parse(sent.get("request"));
      assertThat(
              request.verify(
                  new com.nimbusds.jose.crypto.ECDSAVerifier(
                      (java.security.interfaces.ECPublicKey) key.getPublic())))
          .isTrue();
      com.nimbusds.jwt.JWTClaimsSet claims = request.getJWTClaimsSet();
      assertThat(claims.getIssuer()).isEqualTo(CLIENT_ID);
      assertThat(claims.getAudience()).containsExactly(issuer().toString());
      assertThat(claims.getStringClaim("nonce")).isEqualTo(sent.get("nonce"));
      assertThat(claims.getStringClaim("state")).isEqualTo(sent.get("state"));
      assertThat(claims.getStringClaim("redirect_uri")).isEqualTo(REDIRECT.toString());
    }
  }

  @Test
  @DisplayName("refresh token: kept only if asked, exchanged with grant_type=refresh_token")
  void refreshToken() throws Exception {
    nextToken("subject-refresh", List.of(CLIENT_ID), 60);
    try (IdentityClient client = client(issuer()).keepProviderTokens(true).build()) {
      java.time.Instant before = java.time.Instant.now();
      fr.socle.identity.ProviderTokens tokens = login(client).providerTokens().orElseThrow();
      assertThat(tokens.expiresAt()).isBetween(before.plusSeconds(59), before.plusSeconds(3601));
      Secret refresh = tokens.refreshToken().orElseThrow();
      nextToken("subject-refresh", List.of(CLIENT_ID), 60);
      fr.socle.identity.ProviderTokens renewed = client.refresh(refresh);
      assertThat(renewed.accessToken().reveal()).isNotEqualTo(tokens.accessToken().reveal());
    }
    assertThat(
            recorded().stream()
                .filter(r -> r.getPath().endsWith("/token"))
                .map(r -> r.getBody().readUtf8())
                .filter(b -> b.contains("grant_type=refresh_token"))
                .findFirst())
        .isPresent();
  }

  @Test
  @DisplayName("the returned acr is checked against the level asked (acr_values)")
  void acrChecked() throws Exception {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("acr", "eidas1");
    server.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            "default", "subject-acr", "JWT", List.of(CLIENT_ID), claims, 60));
    try (IdentityClient client =
        client(issuer()).eidasLevel(fr.socle.identity.EidasLevel.EIDAS2).build()) {
      assertThatThrownBy(() -> login(client))
          .isInstanceOf(fr.socle.identity.EidasLevelTooLowException.class);
    }
    assertThat(
            recorded().stream()
                .filter(r -> r.getPath().contains("/authorize"))
                .findFirst()
                .orElseThrow()
                .getPath())
        .contains("acr_values=eidas2");
  }

  @Test
  @DisplayName("an expired ID token is refused")
  void expired() {
    nextToken("subject-exp", List.of(CLIENT_ID), -120);
    try (IdentityClient client = client(issuer()).build()) {
      assertThatThrownBy(() -> login(client))
          .isInstanceOfSatisfying(
              InvalidTokenException.class,
              e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.EXPIRED));
    }
  }

  @Test
  @DisplayName("RP-initiated logout URL points at the discovered end_session_endpoint")
  void logoutUri() throws Exception {
    nextToken("subject-logout", List.of(CLIENT_ID), 60);
    try (IdentityClient client = client(issuer()).build()) {
      Identity identity = login(client);
      URI logout = client.logoutUri(identity).logoutUri();
      assertThat(logout.toString())
          .startsWith(server.endSessionEndpointUrl("default").toString())
          .contains("id_token_hint=")
          .contains("post_logout_redirect_uri=");
    }
  }
}
