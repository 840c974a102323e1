package fr.socle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretTest {

  @Test
  void toString_whenPrinted_neverShowsTheValue() {
    Secret secret = Secret.of("client-secret-value");
    assertThat(secret.toString()).isEqualTo("Secret[redacted]").doesNotContain("client");
    assertThat(String.valueOf(secret)).doesNotContain("value");
  }

  @Test
  void reveal_whenAskedExplicitly_returnsTheValue() {
    assertThat(Secret.of("abc").reveal()).isEqualTo("abc");
    assertThat(Secret.of("é").revealBytes()).isEqualTo("é".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void of_whenGivenAnArray_copiesItInAndOut() {
    byte[] key = {1, 2, 3};
    Secret secret = Secret.of(key);
    key[0] = 9;
    byte[] out = secret.revealBytes();
    out[1] = 9;
    assertThat(secret.revealBytes()).containsExactly(1, 2, 3);
  }

  @Test
  void matches_comparesContent() {
    assertThat(Secret.of("a").matches(Secret.of("a"))).isTrue();
    assertThat(Secret.of("a").matches(Secret.of("b"))).isFalse();
    assertThat(Secret.of("a").matches("a")).isTrue();
    assertThat(Secret.of("a").matches("ab")).isFalse();
    assertThat(Secret.of("a").matches((String) null)).isFalse();
    assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).isNotEqualTo(Secret.of("b"));
    assertThat(Secret.of("a").hashCode()).isEqualTo(Secret.of("zz").hashCode());
  }

  @Test
  void of_whenMissing_failsWithAHintAndNoValue() {
    assertThatThrownBy(() -> Secret.of((String) null))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("configuration");
    assertThatThrownBy(() -> Secret.of("")).isInstanceOf(SocleClientException.class);
    assertThatThrownBy(() -> Secret.of(new byte[0])).isInstanceOf(SocleClientException.class);
  }

  @Test
  void length_isTheByteLength() {
    assertThat(Secret.of("abcd").length()).isEqualTo(4);
  }
}
