package fr.socle.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleClientException;
import fr.socle.identity.testing.ScriptedLogin;
import fr.socle.identity.testing.ScriptedProvider;
import fr.socle.testkit.TestClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IdentityClientTest {
  private ScriptedProvider fc;
  private IdentityClient client;

  @BeforeEach
  void start() {
    fc = ScriptedProvider.start(ProviderFamily.FRANCECONNECT);
    client = fc.clientBuilder().scopes(Scope.IDENTITE_PIVOT, Scope.EMAIL).build();
  }

  @AfterEach
  void stop() {
    client.close();
    fc.close();
  }

  private ScriptedLogin login() {
    return fc.login(client.begin().authorizationUri());
  }

  private Identity complete(ScriptedLogin login, LoginStart start) {
    login.stub();
    return client.complete(login.callback(), start.sealedTransaction());
  }

  private Throwable failure(java.util.function.Consumer<ScriptedLogin> breakIt) {
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri());
    breakIt.accept(login);
    login.stub();
    return org.assertj.core.api.Assertions.catchThrowable(
        () -> client.complete(login.callback(), start.sealedTransaction()));
  }

  private static InvalidTokenException.Reason reason(Throwable t) {
    assertThat(t).isInstanceOf(InvalidTokenException.class);
    return ((InvalidTokenException) t).reason();
  }

  @Test
  @DisplayName("begin() sends FranceConnect's parameters: 64-char state and nonce, eidas1, no PKCE")
  void begin_onFranceConnect_buildsAuthorizationUrl() {
    LoginStart start = client.begin();
    Map<String, String> q = ScriptedProvider.query(start.authorizationUri());
    assertThat(start.authorizationUri().toString()).startsWith(fc.issuer() + "/authorize?");
    assertThat(q.get("state")).matches("[A-Za-z0-9]{64}");
    assertThat(q.get("nonce")).matches("[A-Za-z0-9]{64}").isNotEqualTo(q.get("state"));
    assertThat(q)
        .containsEntry("response_type", "code")
        .containsEntry("client_id", ScriptedProvider.CLIENT_ID)
        .containsEntry("redirect_uri", "http://localhost:8080/auth/callback")
        .containsEntry("scope", "openid identite_pivot email")
        .containsEntry("acr_values", "eidas1")
        .doesNotContainKey("code_challenge");
    assertThat(start.authorizationUri().getRawQuery()).contains("scope=openid%20identite_pivot");
    assertThat(start.toString()).doesNotContain(q.get("state"));
    assertThat(client.begin().sealedTransaction()).isNotEqualTo(start.sealedTransaction());
  }

  @Test
  void complete_whenEverythingIsValid_returnsTheTypedIdentity() {
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri());
    Identity id = complete(login, start);

    assertThat(id.subject()).isEqualTo(ScriptedProvider.SUB);
    assertThat(id.issuer()).isEqualTo(URI.create(fc.issuer()));
    assertThat(id.givenNames()).containsExactly("Angela", "Claire", "Louise");
    assertThat(id.familyName()).contains("DUBOIS");
    assertThat(id.birthdate()).contains(new PartialDate(1962, 8, 24));
    assertThat(id.gender()).contains(Gender.FEMALE);
    assertThat(id.birthplace()).contains("75107");
    assertThat(id.birthcountry()).contains("99100");
    assertThat(id.email()).contains("wossewodda-3728@yopmail.com");
    assertThat(id.acr()).contains("eidas1");
    assertThat(id.eidasLevel()).contains(EidasLevel.EIDAS1);
    assertThat(id.idToken().split("\\.")).hasSize(3);
    assertThat(id.toString()).doesNotContain("DUBOIS", "Angela", "1962", "yopmail", "75107");

    LoggedRequest token =
        fc.server().findAll(postRequestedFor(urlPathEqualTo("/api/v2/token"))).get(0);
    String body = token.getBodyAsString();
    assertThat(body)
        .contains("grant_type=authorization_code")
        .contains("client_id=" + ScriptedProvider.CLIENT_ID)
        .contains("client_secret=" + ScriptedProvider.CLIENT_SECRET)
        .contains("redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fauth%2Fcallback")
        .doesNotContain("code_verifier");
    assertThat(token.getHeader("Authorization")).isNull();
    LoggedRequest userinfo =
        fc.server().findAll(getRequestedFor(urlPathEqualTo("/api/v2/userinfo"))).get(0);
    assertThat(userinfo.getHeader("Authorization")).isEqualTo("Bearer " + login.accessToken);
    assertThat(userinfo.getUrl()).doesNotContain("access_token");
  }

  @Test
  @DisplayName("a person born abroad has no birthplace; idp_birthdate keeps a partial date")
  void complete_whenBornAbroadWithPartialDate_mapsEdgeCases() {
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri());
    login.userinfo.claim("birthplace", "").claim("birthcountry", "99217");
    login.userinfo.claim("birthdate", "1980-01-01").claim("idp_birthdate", "1980");
    login.userinfo.claim("given_name_array", null).claim("given_name", "Jean  Pierre");
    login.userinfo.claim("family_name", "");
    Identity id = complete(login, start);
    assertThat(id.birthplace()).isEmpty();
    assertThat(id.birthcountry()).contains("99217");
    assertThat(id.birthdate()).contains(new PartialDate(1980, 1, 1));
    assertThat(id.idpBirthdate()).contains(new PartialDate(1980, 0, 0));
    assertThat(id.idpBirthdate().orElseThrow().toLocalDate()).isEmpty();
    assertThat(id.givenNames()).containsExactly("Jean", "Pierre");
    assertThat(id.familyName()).isEmpty();
  }

  @Test
  void complete_whenSignatureIsBad_throwsSignature() {
    Throwable t =
        failure(
            l -> {
              try {
                l.idTokenKey = new ECKeyGenerator(Curve.P_256).keyID("pkcs11:ES256:hsm").generate();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(reason(t)).isEqualTo(InvalidTokenException.Reason.SIGNATURE);
  }

  @Test
  void complete_whenIssuerIsWrong_throwsIssuer() {
    Throwable t = failure(l -> l.idToken.issuer("https://evil.example/api/v2"));
    assertThat(reason(t)).isEqualTo(InvalidTokenException.Reason.ISSUER);
  }

  @Test
  void complete_whenAudienceIsAnotherClient_throwsAudience() {
    Throwable t = failure(l -> l.idToken.audience("another-client"));
    assertThat(reason(t)).isEqualTo(InvalidTokenException.Reason.AUDIENCE);
  }

  @Test
  void complete_whenSeveralAudiencesWithoutAzp_throwsAuthorizedParty() {
    Throwable t = failure(l -> l.idToken.audience(List.of(ScriptedProvider.CLIENT_ID, "other")));
    assertThat(reason(t)).isEqualTo(InvalidTokenException.Reason.AUTHORIZED_PARTY);
  }

  @Test
  void complete_whenAzpIsAnotherClient_throwsAuthorizedParty() {
    Throwable t = failure(l -> l.idToken.claim("azp", "other"));
    assertThat(reason(t)).isEqualTo(InvalidTokenException.Reason.AUTHORIZED_PARTY);
  }

  @Test
  void complete_whenNonceDiffers_throwsNonce() {
    Throwable t = failure(l -> l.idToken.claim("nonce", "A".repeat(64)));
    assertThat(reason(t)).isEqualTo(InvalidTokenException.Reason.NONCE);
  }

  @Test
  void complete_whenNonceIsMissing_throwsNonce() {
    Throwable t = failure(l -> l.idToken.claim("nonce", null));
    assertThat(reason(t)).isEqualTo(InvalidTokenException.Reason.NONCE);
  }

  @Test
  void complete_whenSubIsMissing_throwsMissingClaim() {
    Throwable t = failure(l -> l.idToken.subject(null));
    assertThat(reason(t)).isEqualTo(InvalidTokenException.Reason.MISSING_CLAIM);
  }

  @Test
  void complete_whenIatIsMissing_throwsMissingClaim() {
    Throwable t = failure(l -> l.idToken.issueTime(null));
    assertThat(reason(t)).isEqualTo(InvalidTokenException.Reason.MISSING_CLAIM);
  }

  @Test
  void complete_whenTokenExpiredBeyondSkew_throwsExpired() {
    Instant past = Instant.now().minusSeconds(120);
    Throwable t =
        failure(
            l ->
                l.idToken
                    .issueTime(Date.from(past))
                    .expirationTime(Date.from(past.plusSeconds(60))));
    assertThat(reason(t)).isEqualTo(InvalidTokenException.Reason.EXPIRED);
  }

  @Test
  @DisplayName("a token issued 20 s in the future (server clock ahead) is within the 30 s skew")
  void complete_whenIatSlightlyInFuture_accepts() {
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri());
    Instant ahead = Instant.now().plusSeconds(20);
    login.idToken.issueTime(Date.from(ahead)).expirationTime(Date.from(ahead.plusSeconds(60)));
    assertThat(complete(login, start).subject()).isEqualTo(ScriptedProvider.SUB);
  }

  @Test
  void complete_whenIatFarInFuture_throwsIssuedInFuture() {
    Instant ahead = Instant.now().plusSeconds(120);
    Throwable t =
        failure(
            l ->
                l.idToken
                    .issueTime(Date.from(ahead))
                    .expirationTime(Date.from(ahead.plusSeconds(60))));
    assertThat(reason(t)).isEqualTo(InvalidTokenException.Reason.ISSUED_IN_FUTURE);
  }

  @Test
  void complete_whenAtHashDoesNotMatch_throwsAccessTokenHash() {
    Throwable t = failure(l -> l.idToken.claim("at_hash", "AAAAAAAAAAAAAAAAAAAAAA"));
    assertThat(reason(t)).isEqualTo(InvalidTokenException.Reason.ACCESS_TOKEN_HASH);
  }

  @Test
  @DisplayName("FranceConnect always sends at_hash (needed later as id_token_hint): absence fails")
  void complete_whenAtHashMissingOnFranceConnect_throwsMissingClaim() {
    Throwable t = failure(l -> l.idToken.claim("at_hash", null));
    assertThat(reason(t)).isEqualTo(InvalidTokenException.Reason.MISSING_CLAIM);
  }

  @Test
  void complete_whenAlgIsNone_throwsAlgorithm() {
    Throwable t = failure(l -> l.unsignedIdToken = true);
    assertThat(reason(t)).isEqualTo(InvalidTokenException.Reason.ALGORITHM);
  }

  @Test
  @DisplayName("HS256 keyed with the client secret is refused on FranceConnect v2")
  void complete_whenHs256OnFranceConnect_throwsAlgorithm() {
    Throwable t = failure(l -> l.hmacIdToken = true);
    assertThat(reason(t)).isEqualTo(InvalidTokenException.Reason.ALGORITHM);
  }

  @Test
  void complete_whenRs256_accepts() {
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri());
    login.algorithm = JWSAlgorithm.RS256;
    login.idTokenKey = fc.rsaSigningKey();
    login.userinfoKey = fc.rsaSigningKey();
    assertThat(complete(login, start).subject()).isEqualTo(ScriptedProvider.SUB);
  }

  @Test
  @DisplayName("a token without kid verifies when one key of the algorithm matches")
  void complete_whenKidAbsent_triesMatchingKeys() {
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri());
    login.omitKid = true;
    assertThat(complete(login, start).subject()).isEqualTo(ScriptedProvider.SUB);
  }

  @Test
  @DisplayName("no kid and several keys of the algorithm: each is tried, the right one verifies")
  void complete_whenKidAbsentAndSeveralKeys_triesEachKey() throws Exception {
    ECKey other = new ECKeyGenerator(Curve.P_256).keyID("other").generate();
    fc.publishKeys(other.toPublicJWK(), fc.signingKey().toPublicJWK());
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri());
    login.omitKid = true;
    assertThat(complete(login, start).subject()).isEqualTo(ScriptedProvider.SUB);
  }

  @Test
  void complete_whenUserinfoSubDiffers_throwsSubjectMismatch() {
    Throwable t = failure(l -> l.userinfo.subject("f".repeat(64) + "v1"));
    assertThat(reason(t)).isEqualTo(InvalidTokenException.Reason.SUBJECT_MISMATCH);
  }

  @Test
  void complete_whenUserinfoSignatureIsBad_throwsSignature() {
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri());
    login.stub();
    fc.userinfoAnswers(
        200, "application/jwt", ScriptedLogin.tamperSignature(login.userinfoToken()));
    assertThatThrownBy(() -> client.complete(login.callback(), start.sealedTransaction()))
        .isInstanceOfSatisfying(
            InvalidTokenException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.SIGNATURE));
  }

  @Test
  @DisplayName("FranceConnect v2 userinfo must be a signed JWT: plain JSON is refused")
  void complete_whenUserinfoIsJsonOnFranceConnect_throwsProviderError() {
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri());
    login.stub();
    fc.userinfoAnswers(200, "application/json", "{\"sub\":\"" + ScriptedProvider.SUB + "\"}");
    assertThatThrownBy(() -> client.complete(login.callback(), start.sealedTransaction()))
        .isInstanceOf(IdentityProviderException.class)
        .hasMessageContaining("instead of a signed JWT");
  }

  @Test
  @DisplayName("a signing key rotated after the first login is fetched on the unknown kid")
  void complete_whenKeyRotatedAfterFirstLogin_refetchesKeys() throws Exception {
    LoginStart first = client.begin();
    complete(fc.login(first.authorizationUri()), first);

    ECKey rotated = new ECKeyGenerator(Curve.P_256).keyID("pkcs11:ES256:hsm-2").generate();
    fc.publishKeys(rotated.toPublicJWK());
    LoginStart second = client.begin();
    ScriptedLogin login = fc.login(second.authorizationUri());
    login.idTokenKey = rotated;
    login.userinfoKey = rotated;
    assertThat(complete(login, second).subject()).isEqualTo(ScriptedProvider.SUB);
    fc.server().verify(2, getRequestedFor(urlPathEqualTo("/api/v2/jwks")));
  }

  @Test
  @DisplayName("a kid the provider never publishes fails after one refetch, not a storm")
  void complete_whenKidUnknownEvenAfterRefresh_throwsUnknownKey() {
    LoginStart start = client.begin();
    complete(fc.login(start.authorizationUri()), start);
    for (int i = 0; i < 3; i++) {
      Throwable t = failure(l -> l.idTokenKidOverride = "never-published");
      assertThat(reason(t)).isEqualTo(InvalidTokenException.Reason.UNKNOWN_KEY);
    }
    // 1 initial fetch + at most one refresh per rate-limit window.
    fc.server().verify(2, getRequestedFor(urlPathEqualTo("/api/v2/jwks")));
  }

  @Test
  @DisplayName("when the key endpoint is down, the last good keys keep logins working")
  void complete_whenJwksDownAfterCacheExpiry_usesLastGoodKeys() throws Exception {
    client.close();
    client = fc.clientBuilder().jwksCacheTtl(Duration.ofMillis(1)).build();
    LoginStart first = client.begin();
    complete(fc.login(first.authorizationUri()), first);
    fc.jwksDown();
    Thread.sleep(20); // let the 1 ms cache expire: not a timing assertion
    LoginStart second = client.begin();
    assertThat(complete(fc.login(second.authorizationUri()), second).subject())
        .isEqualTo(ScriptedProvider.SUB);
  }

  @Test
  void complete_whenJwksDownAndNothingCached_throwsProviderError() {
    fc.jwksDown();
    Throwable t = failure(l -> {});
    assertThat(t).isInstanceOf(IdentityProviderException.class);
  }

  @Test
  void complete_whenStateDiffers_throwsStateMismatch() {
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri()).stub();
    Map<String, String> cb = login.callback();
    cb.put("state", "B".repeat(64));
    assertThatThrownBy(() -> client.complete(cb, start.sealedTransaction()))
        .isInstanceOfSatisfying(
            InvalidCallbackException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidCallbackException.Reason.STATE_MISMATCH));
    fc.server().verify(0, postRequestedFor(urlPathEqualTo("/api/v2/token")));
  }

  @Test
  @DisplayName("a callback answered with another login's transaction is refused (state swap)")
  void complete_whenTransactionOfAnotherLogin_throwsStateMismatch() {
    LoginStart victim = client.begin();
    ScriptedLogin login = fc.login(victim.authorizationUri()).stub();
    LoginStart attacker = client.begin();
    assertThatThrownBy(() -> client.complete(login.callback(), attacker.sealedTransaction()))
        .isInstanceOf(InvalidCallbackException.class);
  }

  @Test
  void complete_whenIssParameterDiffers_throwsIssuerMismatch() {
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri()).stub();
    Map<String, String> cb = login.callback();
    cb.put("iss", "https://other-provider.example");
    assertThatThrownBy(() -> client.complete(cb, start.sealedTransaction()))
        .isInstanceOfSatisfying(
            InvalidCallbackException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidCallbackException.Reason.ISSUER_MISMATCH));
  }

  @Test
  @DisplayName("iss is required in the callback when discovery advertises RFC 9207")
  void complete_whenIssMissingButAdvertised_throwsIssuerMismatch() {
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri()).stub();
    Map<String, String> cb = login.callback();
    cb.remove("iss");
    assertThatThrownBy(() -> client.complete(cb, start.sealedTransaction()))
        .isInstanceOf(InvalidCallbackException.class);
  }

  @Test
  @DisplayName("iss absent and not advertised: the callback is accepted (RFC 9207 section 2.4)")
  void complete_whenIssMissingAndNotAdvertised_accepts() {
    fc.discovery().remove("authorization_response_iss_parameter_supported");
    fc.publishDiscovery();
    client.close();
    client = fc.clientBuilder().build();
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri()).stub();
    Map<String, String> cb = login.callback();
    cb.remove("iss");
    assertThat(client.complete(cb, start.sealedTransaction()).subject())
        .isEqualTo(ScriptedProvider.SUB);
  }

  @Test
  @DisplayName("the user clicking 'back to the service' becomes LoginCancelledException")
  void complete_whenAccessDenied_throwsLoginCancelled() {
    LoginStart start = client.begin();
    Map<String, String> q = ScriptedProvider.query(start.authorizationUri());
    Map<String, String> cb =
        Map.of(
            "error",
            "access_denied",
            "error_description",
            "User auth aborted",
            "state",
            q.get("state"),
            "iss",
            fc.issuer());
    assertThatThrownBy(() -> client.complete(cb, start.sealedTransaction()))
        .isInstanceOfSatisfying(
            LoginCancelledException.class,
            e -> {
              assertThat(e.error()).isEqualTo("access_denied");
              assertThat(e.errorDescription()).contains("User auth aborted");
            });
  }

  @Test
  void complete_whenOtherErrorCallback_throwsAuthorizationError() {
    LoginStart start = client.begin();
    Map<String, String> q = ScriptedProvider.query(start.authorizationUri());
    Map<String, String> cb =
        Map.of("error", "invalid_request", "state", q.get("state"), "iss", fc.issuer());
    assertThatThrownBy(() -> client.complete(cb, start.sealedTransaction()))
        .isExactlyInstanceOf(AuthorizationErrorException.class)
        .hasMessageContaining("invalid_request");
  }

  @Test
  @DisplayName("an error callback with a forged state is a state mismatch, not a cancellation")
  void complete_whenErrorCallbackWithWrongState_throwsStateMismatch() {
    LoginStart start = client.begin();
    Map<String, String> cb =
        Map.of("error", "access_denied", "state", "x".repeat(64), "iss", fc.issuer());
    assertThatThrownBy(() -> client.complete(cb, start.sealedTransaction()))
        .isInstanceOf(InvalidCallbackException.class);
  }

  @Test
  void complete_whenTokenEndpointAnswersHtml_throwsProviderError() {
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri()).stub();
    fc.tokenAnswers(200, "text/html", "<html><body>Y000400 erreur technique</body></html>");
    assertThatThrownBy(() -> client.complete(login.callback(), start.sealedTransaction()))
        .isInstanceOf(IdentityProviderException.class)
        .hasMessageContaining("text/html instead of JSON")
        .hasMessageNotContaining("Y000400");
  }

  @Test
  void complete_whenTokenEndpointAnswersHtmlError_throwsProviderErrorWithStatus() {
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri()).stub();
    fc.tokenAnswers(502, "text/html", "<html>Bad gateway</html>");
    assertThatThrownBy(() -> client.complete(login.callback(), start.sealedTransaction()))
        .isInstanceOfSatisfying(
            IdentityProviderException.class, e -> assertThat(e.statusCode()).isEqualTo(502));
  }

  @Test
  @DisplayName("a used or expired code gives the OAuth error code of the token endpoint")
  void complete_whenCodeRejected_throwsProviderErrorWithCode() {
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri()).stub();
    fc.tokenAnswers(
        400, "application/json", "{\"error\":\"invalid_grant\",\"error_description\":\"used\"}");
    assertThatThrownBy(() -> client.complete(login.callback(), start.sealedTransaction()))
        .isInstanceOfSatisfying(
            IdentityProviderException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.errorCode()).contains("invalid_grant");
            });
  }

  @Test
  void complete_whenTokenResponseIsInvalidJson_throwsProviderError() {
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri()).stub();
    fc.tokenAnswers(200, "application/json", "{\"access_token\": ");
    assertThatThrownBy(() -> client.complete(login.callback(), start.sealedTransaction()))
        .isInstanceOf(IdentityProviderException.class);
  }

  @Test
  void complete_whenTokenResponseIsOversized_failsBeforeReadingItAll() {
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri()).stub();
    fc.tokenAnswers(200, "application/json", "{\"x\":\"" + "a".repeat(2_000_000) + "\"}");
    assertThatThrownBy(() -> client.complete(login.callback(), start.sealedTransaction()))
        .isInstanceOf(SocleClientException.class)
        .isNotInstanceOf(InvalidTokenException.class);
  }

  @Test
  void complete_whenUserinfoIsOversized_fails() {
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri()).stub();
    fc.userinfoAnswers(200, "application/jwt", "a".repeat(500_000));
    assertThatThrownBy(() -> client.complete(login.callback(), start.sealedTransaction()))
        .isInstanceOf(SocleClientException.class);
  }

  @Test
  void complete_whenUserinfoIsGarbage_throwsMalformed() {
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri()).stub();
    fc.userinfoAnswers(200, "application/jwt", "not.a.jwt at all");
    Throwable garbage =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> client.complete(login.callback(), start.sealedTransaction()));
    assertThat(reason(garbage)).isEqualTo(InvalidTokenException.Reason.MALFORMED);
  }

  @Test
  @DisplayName("a token endpoint that does not answer in time gives a timeout, not a hang")
  void complete_whenTokenEndpointTooSlow_throwsTimeout() {
    try (fr.socle.core.http.HttpTransport http =
            fr.socle.core.http.HttpTransport.builder()
                .responseTimeout(Duration.ofMillis(300))
                .build();
        IdentityClient impatient = fc.clientBuilder().httpTransport(http).build()) {
      LoginStart start = impatient.begin();
      ScriptedLogin login = fc.login(start.authorizationUri()).stub();
      fc.server()
          .stubFor(
              com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/api/v2/token"))
                  .willReturn(
                      com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                          .withFixedDelay(3000)
                          .withHeader("Content-Type", "application/json")
                          .withBody("{}")));
      assertThatThrownBy(() -> impatient.complete(login.callback(), start.sealedTransaction()))
          .isInstanceOf(fr.socle.core.SocleTimeoutException.class);
      // the code is single-use: a non-idempotent token request is never retried
      fc.server().verify(1, postRequestedFor(urlPathEqualTo("/api/v2/token")));
    }
  }

  @Test
  void complete_whenTransactionTampered_throwsInvalidTransaction() {
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri()).stub();
    String sealed = start.sealedTransaction();
    char[] chars = sealed.toCharArray();
    int i = sealed.lastIndexOf('.') - 5;
    chars[i] = chars[i] == 'A' ? 'B' : 'A';
    assertThatThrownBy(() -> client.complete(login.callback(), new String(chars)))
        .isInstanceOfSatisfying(
            InvalidTransactionException.class, e -> assertThat(e.expired()).isFalse());
    assertThatThrownBy(() -> client.complete(login.callback(), null))
        .isInstanceOf(InvalidTransactionException.class);
    assertThatThrownBy(() -> client.complete(login.callback(), "garbage"))
        .isInstanceOf(InvalidTransactionException.class);
  }

  @Test
  void complete_whenTransactionExpired_throwsInvalidTransactionExpired() {
    TestClock clock = TestClock.atSystemTime();
    client.close();
    client = fc.clientBuilder().clock(clock).build();
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri()).stub();
    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    assertThatThrownBy(() -> client.complete(login.callback(), start.sealedTransaction()))
        .isInstanceOfSatisfying(
            InvalidTransactionException.class, e -> assertThat(e.expired()).isTrue());
  }

  @Test
  @DisplayName("another node with the same transaction key completes the login")
  void complete_onAnotherNodeWithSameKey_succeeds() {
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri()).stub();
    try (IdentityClient otherNode = fc.clientBuilder().build()) {
      assertThat(otherNode.complete(login.callback(), start.sealedTransaction()).subject())
          .isEqualTo(ScriptedProvider.SUB);
    }
  }

  @Test
  void complete_withTransactionSealedUnderAnotherKey_throwsInvalidTransaction() {
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri()).stub();
    try (IdentityClient other =
        fc.clientBuilder()
            .transactionKey(fr.socle.core.Secret.of("another application secret of 32+ bytes"))
            .build()) {
      assertThatThrownBy(() -> other.complete(login.callback(), start.sealedTransaction()))
          .isInstanceOf(InvalidTransactionException.class);
    }
  }

  @Test
  void complete_fromCallbackUri_parsesQuery() {
    LoginStart start = client.begin();
    ScriptedLogin login = fc.login(start.authorizationUri()).stub();
    Map<String, String> cb = login.callback();
    URI uri =
        URI.create(
            "http://localhost:8080/auth/callback?code="
                + cb.get("code")
                + "&state="
                + cb.get("state")
                + "&iss="
                + java.net.URLEncoder.encode(fc.issuer(), java.nio.charset.StandardCharsets.UTF_8));
    assertThat(client.complete(uri, start.sealedTransaction()).subject())
        .isEqualTo(ScriptedProvider.SUB);
    URI repeated = URI.create(uri + "&state=" + cb.get("state"));
    assertThatThrownBy(() -> client.complete(repeated, start.sealedTransaction()))
        .isInstanceOfSatisfying(
            InvalidCallbackException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidCallbackException.Reason.MALFORMED));
  }

  @Test
  void complete_withoutCode_throwsMalformed() {
    LoginStart start = client.begin();
    Map<String, String> q = ScriptedProvider.query(start.authorizationUri());
    assertThatThrownBy(
            () ->
                client.complete(
                    Map.of("state", q.get("state"), "iss", fc.issuer()), start.sealedTransaction()))
        .isInstanceOf(InvalidCallbackException.class);
  }

  @Test
  @DisplayName("a discovery document naming another issuer stops the login before any redirect")
  void begin_whenDiscoveryIssuerDiffers_throwsConfiguration() {
    fc.discovery().put("issuer", "https://fcp-low.sbx.dev-franceconnect.fr/api/v2");
    fc.publishDiscovery();
    client.close();
    client = fc.clientBuilder().build();
    assertThatThrownBy(client::begin).isInstanceOf(ProviderConfigurationException.class);
  }

  @Test
  void begin_whenDiscoveryIsHtml_throwsProviderError() {
    fc.server()
        .stubFor(
            com.github.tomakehurst.wiremock.client.WireMock.get(
                    urlPathEqualTo("/api/v2/.well-known/openid-configuration"))
                .willReturn(
                    com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html>maintenance</html>")));
    assertThatThrownBy(client::begin).isInstanceOf(IdentityProviderException.class);
  }

  @Test
  void logoutUri_sendsHintStateAndRegisteredRedirect() {
    LoginStart start = client.begin();
    Identity id = complete(fc.login(start.authorizationUri()), start);
    LogoutStart logout = client.logoutUri(id);
    Map<String, String> q = ScriptedProvider.query(logout.logoutUri());
    assertThat(logout.logoutUri().toString()).startsWith(fc.issuer() + "/session/end?");
    assertThat(q)
        .containsEntry("id_token_hint", id.idToken())
        .containsEntry("state", logout.state())
        .containsEntry("post_logout_redirect_uri", "http://localhost:8080/auth/logged-out");
    assertThat(logout.state()).matches("[A-Za-z0-9]{64}");
    assertThat(logout.toString()).doesNotContain(id.idToken());
  }

  @Test
  @DisplayName("the logout callback tolerates a missing state and refuses a different one")
  void verifyLogoutCallback_toleratesMissingState() {
    assertThat(client.verifyLogoutCallback(Map.of("state", "abc"), "abc")).isTrue();
    assertThat(client.verifyLogoutCallback(Map.of(), "abc")).isFalse();
    assertThatThrownBy(() -> client.verifyLogoutCallback(Map.of("state", "abd"), "abc"))
        .isInstanceOf(InvalidCallbackException.class);
  }

  @Test
  void builder_refusesInconsistentConfiguration() {
    assertThatThrownBy(() -> fc.clientBuilder().eidasLevel(EidasLevel.EIDAS2).build())
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () ->
                fc.clientBuilder().tokenEndpointAuth(TokenEndpointAuth.CLIENT_SECRET_BASIC).build())
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () -> fc.clientBuilder().transactionKey(fr.socle.core.Secret.of("too short")).build())
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () -> fc.clientBuilder().redirectUri(URI.create("http://mairie.example.fr/cb")).build())
        .isInstanceOf(InvalidInputException.class);
  }
}
