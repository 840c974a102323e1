package fr.socle.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import fr.socle.core.InvalidInputException;
import fr.socle.core.json.Json;
import fr.socle.identity.Assurance;
import fr.socle.identity.EidasLevel;
import fr.socle.identity.LoginOptions;
import fr.socle.identity.ProviderFamily;
import fr.socle.identity.Scope;
import fr.socle.identity.TokenEndpointAuth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The family rules, read from the one place that holds them. */
class FamilyProfileTest {
  private static final FamilyProfile FC = FamilyProfile.of(ProviderFamily.FRANCECONNECT);
  private static final FamilyProfile FC_PLUS = FamilyProfile.of(ProviderFamily.FRANCECONNECT_PLUS);
  private static final FamilyProfile PC = FamilyProfile.of(ProviderFamily.PROCONNECT);
  private static final FamilyProfile OIDC = FamilyProfile.of(ProviderFamily.GENERIC);

  @Test
  @DisplayName("signature algorithms, encryption and HS256 keying per family")
  void tokenRules_perFamily() {
    assertThat(FC.signatureAlgorithms())
        .containsExactlyInAnyOrder(JWSAlgorithm.ES256, JWSAlgorithm.RS256);
    assertThat(FC_PLUS.signatureAlgorithms()).containsExactly(JWSAlgorithm.ES256);
    assertThat(FC_PLUS.requireEncryption()).isTrue();
    assertThat(FC.requireEncryption()).isFalse();
    assertThat(PC.signatureAlgorithms()).contains(JWSAlgorithm.HS256);
    assertThat(PC.hmacKeyedWithClientSecret()).isTrue();
    assertThat(OIDC.signatureAlgorithms()).doesNotContain(JWSAlgorithm.HS256);
    assertThat(FC.requireAccessTokenHash()).isTrue();
    assertThat(PC.requireAccessTokenHash()).isFalse();
    assertThat(OIDC.acceptsJsonUserinfo()).isTrue();
    assertThat(PC.acceptsJsonUserinfo()).isFalse();
  }

  @Test
  @DisplayName("PKCE: always on ProConnect, when advertised on generic providers, never on FC")
  void pkce_perFamily() {
    assertThat(PC.usePkce(List.of())).isTrue();
    assertThat(OIDC.usePkce(List.of("S256"))).isTrue();
    assertThat(OIDC.usePkce(List.of("plain"))).isFalse();
    assertThat(FC.usePkce(List.of("S256"))).isFalse();
  }

  @Test
  @DisplayName("client authentication: no basic on FC, ES256 only on FC+, post only on ProConnect")
  void clientAuthentication_perFamily() {
    assertThatThrownBy(
            () -> FC.checkClientAuthentication(TokenEndpointAuth.CLIENT_SECRET_BASIC, null))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> PC.checkClientAuthentication(TokenEndpointAuth.PRIVATE_KEY_JWT, null))
        .isInstanceOf(InvalidInputException.class);
    assertThatCode(
            () -> OIDC.checkClientAuthentication(TokenEndpointAuth.CLIENT_SECRET_BASIC, null))
        .doesNotThrowAnyException();
    assertThatCode(() -> FC.checkClientAuthentication(TokenEndpointAuth.CLIENT_SECRET_POST, null))
        .doesNotThrowAnyException();
  }

  @Test
  @DisplayName("assurance: FC grants eidas1 only, FC+ eidas2 or more, generic an eIDAS level")
  void assurance_perFamily() {
    assertThat(FC.defaultAssurance(null)).isEqualTo(Assurance.atLeast(EidasLevel.EIDAS1));
    assertThat(FC_PLUS.defaultAssurance(null)).isEqualTo(Assurance.atLeast(EidasLevel.EIDAS2));
    assertThat(PC.defaultAssurance(null)).isNull();
    assertThatThrownBy(() -> FC.checkAssurance(Assurance.atLeast(EidasLevel.EIDAS2)))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> FC_PLUS.checkAssurance(Assurance.atLeast(EidasLevel.EIDAS1)))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> OIDC.checkAssurance(Assurance.multiFactor()))
        .isInstanceOf(InvalidInputException.class);
    assertThat(PC.checkAssurance(Assurance.certificationDirigeant()))
        .isEqualTo(Assurance.certificationDirigeant());
  }

  @Test
  @DisplayName("acr is asked with acr_values on FC, with an essential claims request on ProConnect")
  void assuranceParameters_perFamily() {
    try (Json json = Json.create()) {
      Map<String, String> fc = new LinkedHashMap<>();
      FC.addAssuranceParameters(Assurance.atLeast(EidasLevel.EIDAS1), fc, json);
      assertThat(fc).containsEntry("acr_values", "eidas1").doesNotContainKey("claims");

      Map<String, String> pc = new LinkedHashMap<>();
      PC.addAssuranceParameters(Assurance.multiFactor(), pc, json);
      assertThat(pc).doesNotContainKey("acr_values");
      assertThat(pc.get("claims")).contains("\"essential\":true").contains("\"amr\"");

      Map<String, String> none = new LinkedHashMap<>();
      PC.addAssuranceParameters(null, none, json);
      assertThat(none).isEmpty();
    }
  }

  @Test
  @DisplayName("scopes, login options, request objects, sector and refresh per family")
  void otherRules_perFamily() {
    assertThatThrownBy(() -> FC_PLUS.checkScopes(List.of(Scope.OPENID, Scope.PHONE)))
        .isInstanceOf(InvalidInputException.class);
    assertThatCode(() -> PC.checkScopes(List.of(Scope.OPENID, Scope.PHONE)))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                FC.checkLoginOptions(
                    LoginOptions.builder().prompt(LoginOptions.Prompt.NONE).build()))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> OIDC.checkLoginOptions(LoginOptions.builder().idpHint("idp").build()))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> FC.checkRequestObjects(null))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> OIDC.checkRequestObjects(null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("clientSigningKey");
    assertThatThrownBy(PC::checkSectorIdentifier).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(FC::checkRefresh).isInstanceOf(InvalidInputException.class);
    assertThatCode(PC::checkRefresh).doesNotThrowAnyException();
    assertThatThrownBy(() -> FC_PLUS.checkDecryptionKeys(false))
        .isInstanceOf(InvalidInputException.class);
    assertThatCode(() -> FC.checkDecryptionKeys(false)).doesNotThrowAnyException();
  }
}
