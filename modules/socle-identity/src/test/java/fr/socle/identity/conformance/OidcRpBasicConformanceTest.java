package fr.socle.identity.conformance;

import static fr.socle.identity.conformance.Conformance.clientFor;
import static fr.socle.identity.conformance.Conformance.login;
import static fr.socle.identity.conformance.Conformance.tokenRejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.identity.EidasLevel;
import fr.socle.identity.Identity;
import fr.socle.identity.IdentityClient;
import fr.socle.identity.IdentityProvider;
import fr.socle.identity.IdentityProviderException;
import fr.socle.identity.InvalidTokenException.Reason;
import fr.socle.identity.Scope;
import fr.socle.identity.TokenEndpointAuth;
import fr.socle.testkit.franceconnect.Flavour;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import fr.socle.testkit.franceconnect.FranceConnectSimulatorExtension;
import fr.socle.testkit.franceconnect.Misbehaviour;
import fr.socle.testkit.franceconnect.SigningAlgorithm;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OpenID Connect RP certification, Basic profile (response_type=code): one test per test id of the
 * OpenID Foundation's {@code oidcc-client-basic-certification-test-plan}, played by the
 * FranceConnect simulator. Where the profile lets the RP choose (unsigned tokens), Socle refuses.
 */
@DisplayName("OpenID RP Basic conformance against the FranceConnect simulator")
class OidcRpBasicConformanceTest {
  @RegisterExtension
  static final FranceConnectSimulatorExtension FC = FranceConnectSimulatorExtension.of(Flavour.FC);

  private FranceConnectSimulator sim;
  private IdentityClient client;

  @BeforeEach
  void client() {
    sim = FC.simulator();
    client = clientFor(sim).scopes(Scope.PROFILE, Scope.EMAIL).build();
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  @DisplayName("rp-response_type-code: code flow, openid scope, Bearer header, identity returned")
  void rpResponseTypeCode() {
    Identity identity = login(client, sim);

    assertThat(sim.lastAuthorizeParameters())
        .containsEntry("response_type", "code")
        .containsEntry("client_id", sim.clientId());
    assertThat(sim.lastAuthorizeParameters().get("scope").split(" ")).contains("openid");
    assertThat(sim.lastTokenParameters())
        .containsEntry("grant_type", "authorization_code")
        .containsEntry("client_secret", "<redacted>");
    // The simulator refuses access tokens in the query: the userinfo claims prove the header.
    assertThat(identity.email()).contains("wossewodda-3728@yopmail.com");
    assertThat(identity.subject()).matches("[0-9a-f]{64}v1");
  }

  @Test
  @DisplayName("rp-id_token-issuer-mismatch: iss other than the discovered issuer is refused")
  void rpIdTokenIssuerMismatch() {
    sim.misbehave(Misbehaviour.WRONG_ISSUER);
    assertThat(tokenRejection(client, sim)).isEqualTo(Reason.ISSUER);
  }

  @Test
  @DisplayName("rp-id_token-sub: ID token without sub is refused")
  void rpIdTokenSub() {
    sim.misbehave(Misbehaviour.MISSING_SUB);
    assertThat(tokenRejection(client, sim)).isEqualTo(Reason.MISSING_CLAIM);
  }

  @Test
  @DisplayName("rp-id_token-aud: ID token for another client is refused")
  void rpIdTokenAud() {
    sim.misbehave(Misbehaviour.WRONG_AUDIENCE);
    assertThat(tokenRejection(client, sim)).isEqualTo(Reason.AUDIENCE);
  }

  @Test
  @DisplayName("rp-id_token-iat: ID token without iat is refused")
  void rpIdTokenIat() {
    sim.misbehave(Misbehaviour.MISSING_IAT);
    assertThat(tokenRejection(client, sim)).isEqualTo(Reason.MISSING_CLAIM);
  }

  @Test
  @DisplayName("rp-id_token-kid-absent-single-jwks: no kid, one key in the JWKS: accepted")
  void rpIdTokenKidAbsentSingleJwks() {
    sim.misbehave(Misbehaviour.KID_ABSENT_SINGLE_KEY);
    assertThat(login(client, sim).subject()).endsWith("v1");
  }

  @Test
  @DisplayName("rp-id_token-kid-absent-multiple-jwks: no kid, several keys: the right key is found")
  void rpIdTokenKidAbsentMultipleJwks() {
    sim.misbehave(Misbehaviour.KID_ABSENT_MULTIPLE_KEYS);
    assertThat(login(client, sim).subject()).endsWith("v1");
  }

  @Test
  @DisplayName("rp-id_token-sig-none: an unsigned ID token is refused (Socle never accepts none)")
  void rpIdTokenSigNone() {
    sim.misbehave(Misbehaviour.ID_TOKEN_ALG_NONE);
    assertThat(tokenRejection(client, sim)).isEqualTo(Reason.ALGORITHM);
  }

  @Test
  @DisplayName("rp-id_token-bad-sig-es256: ES256 ID token with a bad signature is refused")
  void rpIdTokenBadSigEs256() {
    sim.misbehave(Misbehaviour.BAD_ID_TOKEN_SIGNATURE);
    assertThat(tokenRejection(client, sim)).isEqualTo(Reason.SIGNATURE);
  }

  @Test
  @DisplayName(
      "HS256 ID token on FranceConnect v2 is refused (the bad-sig-hs256 test id runs on ProConnect,"
          + " where HS256 exists)")
  void rpIdTokenBadSigHs256() {
    sim.misbehave(Misbehaviour.ID_TOKEN_HS256);
    assertThat(tokenRejection(client, sim)).isEqualTo(Reason.ALGORITHM);
  }

  @Test
  @DisplayName("rp-userinfo-bad-sub-claim: userinfo sub different from the ID token's is refused")
  void rpUserinfoBadSubClaim() {
    sim.misbehave(Misbehaviour.USERINFO_SUB_MISMATCH);
    assertThat(tokenRejection(client, sim)).isEqualTo(Reason.SUBJECT_MISMATCH);
  }

  @Test
  @DisplayName("rp-userinfo-sig: a userinfo JWT with a bad signature is refused")
  void rpUserinfoBadSignature() {
    sim.misbehave(Misbehaviour.BAD_USERINFO_SIGNATURE);
    assertThat(tokenRejection(client, sim)).isEqualTo(Reason.SIGNATURE);
  }

  @Test
  @DisplayName("rp-nonce-invalid: ID token with another nonce is refused")
  void rpNonceInvalid() {
    sim.misbehave(Misbehaviour.NONCE_MISMATCH);
    assertThat(tokenRejection(client, sim)).isEqualTo(Reason.NONCE);
  }

  @Test
  @DisplayName("rp-scope-userinfo-claims: claims requested by scope are read from userinfo")
  void rpScopeUserinfoClaims() {
    Identity identity = login(client, sim);
    assertThat(sim.lastAuthorizeParameters().get("scope")).isEqualTo("openid profile email");
    assertThat(identity.givenNames()).containsExactly("Angela", "Claire", "Louise");
    assertThat(identity.familyName()).contains("DUBOIS");
    assertThat(identity.birthdate()).map(Object::toString).contains("1962-08-24");
    assertThat(identity.email()).contains("wossewodda-3728@yopmail.com");
    // Not requested: birth scope.
    assertThat(identity.birthplace()).isEmpty();
  }

  @Test
  @DisplayName(
      "rp-token_endpoint-client_secret_basic: refused by configuration on FranceConnect, and the"
          + " simulator's invalid_client surfaces as a provider error on a generic client")
  void rpTokenEndpointClientSecretBasic() {
    assertThatThrownBy(
            () -> clientFor(sim).tokenEndpointAuth(TokenEndpointAuth.CLIENT_SECRET_BASIC).build())
        .isInstanceOf(InvalidInputException.class);
    try (IdentityClient generic =
        clientFor(sim)
            .provider(IdentityProvider.oidc(URI.create(sim.issuer())))
            .tokenEndpointAuth(TokenEndpointAuth.CLIENT_SECRET_BASIC)
            // FranceConnect requires acr_values; a generic client sends it only when asked.
            .eidasLevel(EidasLevel.EIDAS1)
            .build()) {
      Throwable t = Conformance.failure(generic, sim);
      assertThat(t).isInstanceOf(IdentityProviderException.class);
      assertThat(((IdentityProviderException) t).statusCode()).isEqualTo(401);
      assertThat(((IdentityProviderException) t).errorCode()).contains("invalid_client");
    }
    // The positive half of this test id runs against mock-oauth2-server
    // (GenericOidcAgainstMockOAuth2ServerTest), which accepts client_secret_basic.
  }

  /** rp-id_token-sig-rs256 and rp-id_token-bad-sig-rs256 need a provider registered for RS256. */
  @Nested
  @DisplayName("with RS256 signatures")
  class Rs256 {
    @RegisterExtension
    final FranceConnectSimulatorExtension rs256 =
        FranceConnectSimulatorExtension.of(
            FranceConnectSimulator.builder().signingAlgorithm(SigningAlgorithm.RS256));

    @Test
    @DisplayName("rp-id_token-sig-rs256: RS256 ID token verified with the jwks_uri keys")
    void rpIdTokenSigRs256() {
      try (IdentityClient c = clientFor(rs256.simulator()).build()) {
        assertThat(login(c, rs256.simulator()).subject()).endsWith("v1");
      }
    }

    @Test
    @DisplayName("rp-id_token-bad-sig-rs256: RS256 ID token with a bad signature is refused")
    void rpIdTokenBadSigRs256() {
      rs256.simulator().misbehave(Misbehaviour.BAD_ID_TOKEN_SIGNATURE);
      try (IdentityClient c = clientFor(rs256.simulator()).build()) {
        assertThat(tokenRejection(c, rs256.simulator())).isEqualTo(Reason.SIGNATURE);
      }
    }
  }
}
