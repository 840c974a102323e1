package fr.socle.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import java.net.URI;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
  @Test
  void eidasLevel_fromAcr_understandsProConnectValues() {
    assertThat(EidasLevel.fromAcr("eidas0")).contains(EidasLevel.EIDAS0);
    assertThat(EidasLevel.fromAcr("eidas2-mfa")).contains(EidasLevel.EIDAS2);
    assertThat(EidasLevel.fromAcr("https://proconnect.gouv.fr/assurance/certification-dirigeant"))
        .isEmpty();
    assertThat(EidasLevel.fromAcr(null)).isEmpty();
    assertThat(EidasLevel.fromAcr("EIDAS3")).isEmpty();
    assertThat(EidasLevel.EIDAS3.satisfies(EidasLevel.EIDAS2)).isTrue();
    assertThat(EidasLevel.EIDAS1.satisfies(EidasLevel.EIDAS2)).isFalse();
  }

  @Test
  void partialDate_parse_acceptsThePrecisionsOfCivilRegisters() {
    assertThat(PartialDate.parse("1962-08-24").toLocalDate()).contains(LocalDate.of(1962, 8, 24));
    assertThat(PartialDate.parse("1962-08")).isEqualTo(new PartialDate(1962, 8, 0));
    assertThat(PartialDate.parse("1962").toString()).isEqualTo("1962");
    assertThatThrownBy(() -> PartialDate.parse("1962-02-30"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> PartialDate.parse("24/08/1962"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new PartialDate(1962, 0, 4)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void scope_refusesCharactersOutsideRfc6749() {
    assertThat(Scope.of("dgfip_rfr").value()).isEqualTo("dgfip_rfr");
    assertThatThrownBy(() -> Scope.of("openid email")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Scope.of("")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void identityProvider_presetsCarryCurrentHosts() {
    assertThat(IdentityProvider.franceConnectSandbox().issuer())
        .hasToString("https://fcp-low.sbx.dev-franceconnect.fr/api/v2");
    assertThat(IdentityProvider.franceConnectProduction().issuer())
        .hasToString("https://oidc.franceconnect.gouv.fr/api/v2");
    assertThat(IdentityProvider.franceConnectPlusIntegration().family())
        .isEqualTo(ProviderFamily.FRANCECONNECT_PLUS);
    assertThat(IdentityProvider.proConnectProductionRie().issuer())
        .hasToString("https://auth.agentconnect.rie.gouv.fr/api/v2");
    assertThat(IdentityProvider.proConnectIntegration().discoveryUri())
        .hasToString(
            "https://fca.integ01.dev-agentconnect.fr/api/v2/.well-known/openid-configuration");
  }

  @Test
  void identityProvider_refusesPlainHttpOutsideLoopback() {
    assertThatThrownBy(() -> IdentityProvider.oidc(URI.create("http://idp.example.org")))
        .isInstanceOf(InvalidInputException.class);
    assertThat(IdentityProvider.oidc(URI.create("http://127.0.0.1:9000/default")).issuer())
        .hasToString("http://127.0.0.1:9000/default");
  }
}
