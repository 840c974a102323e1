package fr.socle.identity.conformance;

import static fr.socle.identity.conformance.Conformance.clientFor;
import static fr.socle.identity.conformance.Conformance.failure;
import static fr.socle.identity.conformance.Conformance.login;
import static fr.socle.identity.conformance.Conformance.tokenRejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.identity.EidasLevel;
import fr.socle.identity.EidasLevelTooLowException;
import fr.socle.identity.Gender;
import fr.socle.identity.Identity;
import fr.socle.identity.IdentityClient;
import fr.socle.identity.IdentityProviderException;
import fr.socle.identity.InvalidCallbackException;
import fr.socle.identity.InvalidTokenException.Reason;
import fr.socle.identity.LoginCancelledException;
import fr.socle.identity.LoginStart;
import fr.socle.identity.Scope;
import fr.socle.testkit.TestClock;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import fr.socle.testkit.franceconnect.FranceConnectSimulatorExtension;
import fr.socle.testkit.franceconnect.Misbehaviour;
import fr.socle.testkit.franceconnect.SimulatorErrorPageException;
import fr.socle.testkit.franceconnect.TestIdentity;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * FranceConnect v2 rules (spec §1 and the pain points of §4), one test each, driving {@link
 * IdentityClient} against the simulator.
 */
@DisplayName("FranceConnect v2 rules against the simulator")
class FranceConnectRulesConformanceTest {
  @RegisterExtension
  static final FranceConnectSimulatorExtension FC =
      FranceConnectSimulatorExtension.of(
          // The 2021 rule (nonce of exactly 64 characters), the strictest FranceConnect ever had.
          FranceConnectSimulator.builder().nonceLength(64, 64));

  private FranceConnectSimulator sim;
  private IdentityClient client;

  @BeforeEach
  void client() {
    sim = FC.simulator();
    client = clientFor(sim).scopes(Scope.IDENTITE_PIVOT, Scope.EMAIL, Scope.IDP_BIRTHDATE).build();
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  @DisplayName("state and nonce are 64 characters of [A-Za-z0-9] and acr_values=eidas1 is sent")
  void authorize_sendsWhatFranceConnectRequires() {
    Identity identity = login(client, sim);
    Map<String, String> sent = sim.lastAuthorizeParameters();
    assertThat(sent.get("state")).matches("[A-Za-z0-9]{64}");
    assertThat(sent.get("nonce")).matches("[A-Za-z0-9]{64}").isNotEqualTo(sent.get("state"));
    assertThat(sent).containsEntry("acr_values", "eidas1").doesNotContainKey("code_challenge");
    assertThat(identity.acr()).contains("eidas1");
    assertThat(identity.eidasLevel()).contains(EidasLevel.EIDAS1);
  }

  @Test
  @DisplayName("the pivot identity of the official test account is typed")
  void identity_ofTheOfficialTestAccount() {
    Identity identity = login(client, sim);
    assertThat(identity.givenNames()).containsExactly("Angela", "Claire", "Louise");
    assertThat(identity.familyName()).contains("DUBOIS");
    assertThat(identity.gender()).contains(Gender.FEMALE);
    assertThat(identity.birthdate()).map(Object::toString).contains("1962-08-24");
    assertThat(identity.birthplace()).contains("75107");
    assertThat(identity.birthcountry()).contains("99100");
    assertThat(identity.issuer()).isEqualTo(URI.create(sim.issuer()));
    assertThat(identity.toString()).doesNotContain("DUBOIS").doesNotContain("Angela");
  }

  @Test
  @DisplayName("born abroad: no birthplace, birth country kept")
  void identity_bornAbroad() {
    Identity identity = login(client, sim, TestIdentity.BORN_ABROAD);
    assertThat(identity.birthplace()).isEmpty();
    assertThat(identity.birthcountry()).contains("99134");
  }

  @Test
  @DisplayName("partial birth date: birthdate completed with -01, idp_birthdate as the FI sent it")
  void identity_partialBirthdate() {
    Identity identity = login(client, sim, TestIdentity.PARTIAL_BIRTHDATE);
    assertThat(identity.idpBirthdate()).map(Object::toString).contains("1947");
    assertThat(identity.idpBirthdate().orElseThrow().isComplete()).isFalse();
    assertThat(identity.birthdate()).isPresent();
  }

  @Test
  @DisplayName("Corsica, 50+ character names and no family name are accepted as sent")
  void identity_edgeCases() {
    assertThat(login(client, sim, TestIdentity.CORSICA).birthplace()).contains("2B002");
    Identity longNames = login(client, sim, TestIdentity.LONG_NAMES);
    assertThat(longNames.familyName().orElseThrow()).hasSizeGreaterThan(50);
    assertThat(String.join(" ", longNames.givenNames())).hasSizeGreaterThan(50);
    assertThat(login(client, sim, TestIdentity.NO_FAMILY_NAME).familyName()).isEmpty();
  }

  @Test
  @DisplayName("the pairwise sub is stable across logins")
  void sub_isStable() {
    assertThat(login(client, sim).subject()).isEqualTo(login(client, sim).subject()).hasSize(66);
  }

  @Test
  @DisplayName("RFC 9207: a callback without iss is refused since discovery advertises it")
  void callback_withoutIss() {
    sim.misbehave(Misbehaviour.CALLBACK_WITHOUT_ISS);
    assertThat(failure(client, sim))
        .isInstanceOfSatisfying(
            InvalidCallbackException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidCallbackException.Reason.ISSUER_MISMATCH));
  }

  @Test
  @DisplayName("RFC 9207: a callback with another issuer's iss is refused (mix-up)")
  void callback_withWrongIss() {
    sim.misbehave(Misbehaviour.CALLBACK_WRONG_ISS);
    assertThat(failure(client, sim))
        .isInstanceOfSatisfying(
            InvalidCallbackException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidCallbackException.Reason.ISSUER_MISMATCH));
  }

  @Test
  @DisplayName("a callback whose state belongs to another login is refused")
  void callback_ofAnotherLogin() {
    LoginStart mine = client.begin();
    LoginStart other = client.begin();
    URI otherCallback = sim.login(other.authorizationUri());
    assertThatThrownBy(() -> client.complete(otherCallback, mine.sealedTransaction()))
        .isInstanceOfSatisfying(
            InvalidCallbackException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidCallbackException.Reason.STATE_MISMATCH));
  }

  @Test
  @DisplayName("the user clicking 'back to the service' becomes LoginCancelledException")
  void callback_accessDenied() {
    LoginStart start = client.begin();
    URI callback = sim.abortLogin(start.authorizationUri());
    assertThatThrownBy(() -> client.complete(callback, start.sealedTransaction()))
        .isInstanceOf(LoginCancelledException.class);
  }

  @Test
  @DisplayName("a code is single-use: replaying the callback fails at the token endpoint")
  void code_isSingleUse() {
    LoginStart start = client.begin();
    URI callback = sim.login(start.authorizationUri());
    client.complete(callback, start.sealedTransaction());
    assertThatThrownBy(() -> client.complete(callback, start.sealedTransaction()))
        .isInstanceOfSatisfying(
            IdentityProviderException.class,
            e -> assertThat(e.errorCode()).contains("invalid_grant"));
  }

  @Test
  @DisplayName("the userinfo sub must equal the ID token's")
  void userinfo_subMismatch() {
    sim.misbehave(Misbehaviour.USERINFO_SUB_MISMATCH);
    assertThat(tokenRejection(client, sim)).isEqualTo(Reason.SUBJECT_MISMATCH);
  }

  @Test
  @DisplayName("userinfo as plain JSON (v1 style) is refused: v2 userinfo is a signed JWT")
  void userinfo_plainJson() {
    sim.misbehave(Misbehaviour.USERINFO_PLAIN_JSON);
    assertThat(failure(client, sim)).isInstanceOf(IdentityProviderException.class);
  }

  @Test
  @DisplayName("an HTML error page instead of the token JSON is a provider error, not a crash")
  void token_htmlErrorPage() {
    sim.misbehave(Misbehaviour.HTML_ERROR_PAGE);
    assertThat(failure(client, sim))
        .isInstanceOfSatisfying(
            IdentityProviderException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
  }

  @Test
  @DisplayName("at_hash must match the access token")
  void idToken_wrongAtHash() {
    sim.misbehave(Misbehaviour.WRONG_AT_HASH);
    assertThat(tokenRejection(client, sim)).isEqualTo(Reason.ACCESS_TOKEN_HASH);
  }

  @Test
  @DisplayName("an expired ID token is refused")
  void idToken_expired() {
    sim.misbehave(Misbehaviour.EXPIRED_ID_TOKEN);
    assertThat(tokenRejection(client, sim)).isEqualTo(Reason.EXPIRED);
  }

  @Test
  @DisplayName("acr below the requested eidas1 becomes EidasLevelTooLowException")
  void idToken_acrTooLow() {
    sim.misbehave(Misbehaviour.ACR_TOO_LOW);
    assertThat(failure(client, sim))
        .isInstanceOfSatisfying(
            EidasLevelTooLowException.class,
            e -> {
              assertThat(e.requested()).isEqualTo(EidasLevel.EIDAS1);
              assertThat(e.actualAcr()).contains("eidas0");
            });
  }

  @Test
  @DisplayName("JWKS endpoint down: the cached keys keep logins working")
  void jwksDown_withCachedKeys() {
    login(client, sim);
    sim.misbehave(Misbehaviour.JWKS_DOWN);
    assertThat(login(client, sim).subject()).endsWith("v1");
  }

  @Test
  @DisplayName("unknown kid after a rotation while the JWKS endpoint is down: refused")
  void unknownKid_whileJwksDown() {
    login(client, sim);
    sim.rotateKeys();
    sim.misbehave(Misbehaviour.JWKS_DOWN);
    assertThat(tokenRejection(client, sim)).isEqualTo(Reason.UNKNOWN_KEY);
  }

  @Test
  @DisplayName("a client with another redirect_uri is stopped by the Y04C013C page")
  void authorize_unregisteredRedirectUri() {
    try (IdentityClient wrong =
        clientFor(sim).redirectUri(URI.create("http://localhost:8080/other/callback")).build()) {
      assertThatThrownBy(() -> sim.login(wrong.begin().authorizationUri()))
          .isInstanceOfSatisfying(
              SimulatorErrorPageException.class,
              e -> assertThat(e.errorCode()).isEqualTo("Y04C013C"));
    }
  }

  @Test
  @DisplayName("a scope outside the habilitation is stopped by the Y044D706 page")
  void authorize_scopeNotGranted() {
    try (FranceConnectSimulator restricted =
            FranceConnectSimulator.builder()
                .grantedScopes(java.util.Set.of("given_name", "family_name"))
                .build()
                .start();
        IdentityClient c = clientFor(restricted).scopes(Scope.EMAIL).build()) {
      assertThatThrownBy(() -> restricted.login(c.begin().authorizationUri()))
          .isInstanceOfSatisfying(
              SimulatorErrorPageException.class,
              e -> assertThat(e.errorCode()).isEqualTo("Y044D706"));
    }
  }

  @Test
  @DisplayName("clock skew: a provider 20 s ahead is tolerated, 90 s ahead is refused")
  void clockSkew() {
    TestClock providerClock = TestClock.atSystemTime();
    TestClock appClock = TestClock.at(providerClock.instant());
    try (FranceConnectSimulator ahead =
            FranceConnectSimulator.builder().clock(providerClock).build().start();
        IdentityClient c = clientFor(ahead).clock(appClock).build()) {
      providerClock.advance(Duration.ofSeconds(20));
      assertThat(login(c, ahead).subject()).endsWith("v1");
      providerClock.advance(Duration.ofSeconds(70));
      assertThat(tokenRejection(c, ahead)).isEqualTo(Reason.ISSUED_IN_FUTURE);
    }
  }

  @Test
  @DisplayName("a code redeemed after 30 s is refused by the provider")
  void code_expiresAfter30Seconds() {
    TestClock clock = TestClock.atSystemTime();
    try (FranceConnectSimulator s = FranceConnectSimulator.builder().clock(clock).build().start();
        IdentityClient c = clientFor(s).clock(clock).build()) {
      LoginStart start = c.begin();
      URI callback = s.login(start.authorizationUri());
      clock.advance(Duration.ofSeconds(31));
      assertThatThrownBy(() -> c.complete(callback, start.sealedTransaction()))
          .isInstanceOfSatisfying(
              IdentityProviderException.class,
              e -> assertThat(e.errorCode()).contains("invalid_grant"));
    }
  }
}
