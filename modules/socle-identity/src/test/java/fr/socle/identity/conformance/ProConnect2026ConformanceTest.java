package fr.socle.identity.conformance;

import static fr.socle.identity.conformance.Conformance.clientFor;
import static fr.socle.identity.conformance.Conformance.failure;
import static fr.socle.identity.conformance.Conformance.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.identity.Assurance;
import fr.socle.identity.EidasLevel;
import fr.socle.identity.EidasLevelTooLowException;
import fr.socle.identity.Identity;
import fr.socle.identity.IdentityClient;
import fr.socle.identity.IdentityProviderException;
import fr.socle.identity.LoginOptions;
import fr.socle.identity.LoginStart;
import fr.socle.identity.ProConnectRole;
import fr.socle.identity.ProviderTokens;
import fr.socle.identity.Scope;
import fr.socle.identity.TokenEndpointAuth;
import fr.socle.testkit.TestClock;
import fr.socle.testkit.franceconnect.Flavour;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import fr.socle.testkit.franceconnect.TestAgent;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ProConnect as of 2026 (ACR via claims, MFA, roles, tokens) against the simulator")
class ProConnect2026ConformanceTest {

  private static FranceConnectSimulator simulator() {
    return FranceConnectSimulator.builder().flavour(Flavour.PROCONNECT).build().start();
  }

  @Test
  @DisplayName("the preset needs no key: a client secret is all a service has since August 2026")
  void preset_needsNoKeys() {
    try (FranceConnectSimulator sim = simulator();
        IdentityClient c = clientFor(sim).scopes(Scope.USUAL_NAME).build()) {
      assertThat(login(c, sim).usualName()).isPresent();
      assertThat(c.publicJwks()).isEqualTo("{\"keys\":[]}");
    }
  }

  @Test
  @DisplayName("private_key_jwt is refused on ProConnect: no keys are registered any more")
  void privateKeyJwt_refused() {
    try (FranceConnectSimulator sim = simulator()) {
      assertThatThrownBy(
              () ->
                  clientFor(sim)
                      .tokenEndpointAuth(TokenEndpointAuth.PRIVATE_KEY_JWT)
                      .clientSigningKey("k", Conformance.ecKeyPair())
                      .build())
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("client_secret_post only");
    }
  }

  @Test
  @DisplayName("multiFactor: asks eidas0-mfa..eidas3 through claims; ProConnect's e-mail code")
  void multiFactor_grantedByEmailOtp() {
    try (FranceConnectSimulator sim = simulator();
        IdentityClient c = clientFor(sim).assurance(Assurance.multiFactor()).build()) {
      Identity agent = login(c, sim);
      assertThat(sim.lastAuthorizeParameters())
          .doesNotContainKey("acr_values")
          .containsEntry(
              "claims",
              "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":"
                  + "[\"eidas0-mfa\",\"eidas1-mfa\",\"eidas2\",\"eidas3\"]},"
                  + "\"amr\":{\"essential\":true}}}");
      assertThat(agent.acr()).contains("eidas1-mfa");
      assertThat(agent.amr()).contains("mail");
    }
  }

  @Test
  @DisplayName("multiFactor: a single-factor eidas1 answer is refused")
  void multiFactor_singleFactorRefused() {
    try (FranceConnectSimulator sim = simulator();
        IdentityClient c = clientFor(sim).assurance(Assurance.multiFactor()).build()) {
      sim.authenticationLevel("eidas1");
      assertThat(failure(c, sim))
          .isInstanceOfSatisfying(
              EidasLevelTooLowException.class,
              e -> {
                assertThat(e.required()).isEqualTo(Assurance.multiFactor());
                assertThat(e.actualAcr()).contains("eidas1");
              });
    }
  }

  @Test
  @DisplayName("multiFactor for one login only, on a client that asks for nothing by default")
  void multiFactor_perLogin() {
    try (FranceConnectSimulator sim = simulator();
        IdentityClient c = clientFor(sim).build()) {
      LoginStart start = c.begin(LoginOptions.builder().assurance(Assurance.multiFactor()).build());
      sim.authenticationLevel("eidas2-mfa-not-a-proconnect-value");
      assertThatThrownBy(
              () -> c.complete(sim.login(start.authorizationUri()), start.sealedTransaction()))
          .isInstanceOf(EidasLevelTooLowException.class);
      sim.authenticationLevel(null);
      assertThat(login(c, sim).acr()).contains("eidas1");
      assertThat(sim.lastAuthorizeParameters()).doesNotContainKeys("claims", "acr_values");
    }
  }

  @Test
  @DisplayName("a removed 2025 ACR URI in the answer is refused, not taken for a level")
  void legacyAcr_refused() {
    try (FranceConnectSimulator sim = simulator();
        IdentityClient c = clientFor(sim).eidasLevel(EidasLevel.EIDAS1).build()) {
      sim.authenticationLevel("https://proconnect.gouv.fr/assurance/consistency-checked-2fa");
      assertThat(failure(c, sim)).isInstanceOf(EidasLevelTooLowException.class);
    }
  }

  @Test
  @DisplayName("certificationDirigeant is asked with the single value form of the claim")
  void certificationDirigeant() {
    try (FranceConnectSimulator sim = simulator();
        IdentityClient c = clientFor(sim).assurance(Assurance.certificationDirigeant()).build()) {
      assertThat(login(c, sim).acr()).contains(Assurance.CERTIFICATION_DIRIGEANT);
      assertThat(sim.lastAuthorizeParameters().get("claims"))
          .contains("\"value\":\"" + Assurance.CERTIFICATION_DIRIGEANT + "\"");
    }
  }

  @Test
  @DisplayName("MFA and ProConnect-only requirements are refused on FranceConnect before redirect")
  void multiFactor_refusedElsewhere() {
    try (FranceConnectSimulator sim = FranceConnectSimulator.builder().build().start()) {
      assertThatThrownBy(() -> clientFor(sim).assurance(Assurance.multiFactor()).build())
          .isInstanceOf(InvalidInputException.class);
      try (IdentityClient c = clientFor(sim).build()) {
        assertThatThrownBy(
                () ->
                    c.begin(
                        LoginOptions.builder()
                            .assurance(Assurance.certificationDirigeant())
                            .build()))
            .isInstanceOf(InvalidInputException.class);
      }
    }
  }

  @Test
  @DisplayName("roles and organization_label: is this a territorial agent?")
  void roles_territorialAgent() {
    try (FranceConnectSimulator sim = simulator();
        IdentityClient c =
            clientFor(sim).scopes(Scope.SIRET, Scope.ROLES, Scope.ORGANIZATION_LABEL).build()) {
      Identity contractor = Conformance.login(c, sim, TestAgent.CONTRACTOR);
      assertThat(contractor.hasRole(ProConnectRole.AGENT_PUBLIC_TERRITORIAL)).isTrue();
      assertThat(contractor.roles())
          .containsExactlyInAnyOrder(
              ProConnectRole.AGENT_PUBLIC, ProConnectRole.AGENT_PUBLIC_TERRITORIAL);
      assertThat(contractor.organizationLabel()).contains("Commune de Montpellier");
      Identity state = Conformance.login(c, sim, TestAgent.DEMO_AGENT);
      assertThat(state.hasRole(ProConnectRole.AGENT_PUBLIC_TERRITORIAL)).isFalse();
      assertThat(state.hasRole(ProConnectRole.AGENT_PUBLIC_ETAT)).isTrue();
      assertThat(state.toString()).doesNotContain("DINUM");
    }
  }

  @Test
  @DisplayName("tokens: kept only if asked, expiry from expires_in, refresh token never printed")
  void tokens_keptOnlyIfAskedAndRefreshable() {
    TestClock clock = TestClock.atSystemTime();
    try (FranceConnectSimulator sim =
            FranceConnectSimulator.builder()
                .flavour(Flavour.PROCONNECT)
                .clock(clock)
                .build()
                .start();
        IdentityClient plain = clientFor(sim).clock(clock).build();
        IdentityClient keeping = clientFor(sim).clock(clock).keepProviderTokens(true).build()) {
      assertThat(login(plain, sim).providerTokens()).isEmpty();

      ProviderTokens tokens = login(keeping, sim).providerTokens().orElseThrow();
      assertThat(tokens.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
      String refresh = tokens.refreshToken().orElseThrow().reveal();
      assertThat(tokens.toString())
          .doesNotContain(refresh)
          .doesNotContain(tokens.accessToken().reveal());

      clock.advance(Duration.ofMinutes(61));
      ProviderTokens renewed = keeping.refresh(tokens.refreshToken().orElseThrow());
      assertThat(renewed.accessToken().reveal()).isNotEqualTo(tokens.accessToken().reveal());
      assertThat(renewed.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
      assertThat(renewed.refreshToken()).contains(tokens.refreshToken().orElseThrow());

      assertThatThrownBy(() -> keeping.refresh(fr.socle.core.Secret.of("forged-refresh-token")))
          .isInstanceOf(IdentityProviderException.class);
      clock.advance(Duration.ofHours(2));
      assertThatThrownBy(() -> keeping.refresh(tokens.refreshToken().orElseThrow()))
          .isInstanceOf(IdentityProviderException.class);
    }
  }

  @Test
  @DisplayName("ui_locales is refused on ProConnect, whose /authorize rejects unknown parameters")
  void uiLocales_refused() {
    try (FranceConnectSimulator sim = simulator();
        IdentityClient c = clientFor(sim).build()) {
      assertThatThrownBy(() -> c.begin(LoginOptions.builder().uiLocales(Locale.FRANCE).build()))
          .isInstanceOf(InvalidInputException.class);
    }
  }
}
