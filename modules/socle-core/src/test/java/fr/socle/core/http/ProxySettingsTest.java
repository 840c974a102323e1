package fr.socle.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.core.Secret;
import org.junit.jupiter.api.Test;

class ProxySettingsTest {

  @Test
  void explicitProxyWithCredentialsNeverShowsThePassword() {
    ProxySettings p =
        ProxySettings.http("proxy.mairie.local", 3128)
            .withCredentials("socle", Secret.of("s3cr3t-pw"));
    assertThat(p.host()).contains("proxy.mairie.local");
    assertThat(p.port()).isEqualTo(3128);
    assertThat(p.user()).contains("socle");
    assertThat(p.password()).isPresent();
    assertThat(p.toString()).contains("proxy.mairie.local:3128").doesNotContain("s3cr3t-pw");
    assertThat(p.isSystem()).isFalse();
    assertThat(p.isDirect()).isFalse();
  }

  @Test
  void systemAndDirectAreDistinct() {
    assertThat(ProxySettings.system().isSystem()).isTrue();
    assertThat(ProxySettings.direct().isDirect()).isTrue();
    assertThat(ProxySettings.system()).isNotEqualTo(ProxySettings.direct());
    assertThat(ProxySettings.http("p", 80)).isEqualTo(ProxySettings.http("p", 80));
  }

  @Test
  void badValuesAreInvalidInput() {
    assertThatThrownBy(() -> ProxySettings.http(" ", 80)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ProxySettings.http("p", 0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ProxySettings.http("p", 65536))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ProxySettings.system().withCredentials("u", Secret.of("x")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("explicit proxy");
    assertThatThrownBy(() -> ProxySettings.http(null, 80))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("host");
  }
}
