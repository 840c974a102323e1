package fr.socle.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.MutableClock;
import fr.socle.core.Secret;
import fr.socle.identity.InvalidTransactionException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TransactionSealerTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-29T10:00:00Z"));
  private final Secret key = Secret.of("0123456789abcdef0123456789abcdef");
  private final TransactionSealer sealer =
      new TransactionSealer(key, "client", Duration.ofMinutes(10), clock);
  private final LoginTransaction tx =
      new LoginTransaction(
          "https://idp/api/v2",
          "client",
          "s".repeat(64),
          "n".repeat(64),
          "v",
          "eidas1",
          clock.instant());

  @Test
  void unseal_returnsWhatWasSealed() {
    String sealed = sealer.seal(tx);
    assertThat(sealed.split("\\.")).hasSize(5);
    assertThat(sealed).doesNotContain("sss", "nnn");
    assertThat(sealer.unseal(sealed, "https://idp/api/v2", "client")).isEqualTo(tx);
  }

  @Test
  void unseal_whenExpired_throwsExpired() {
    String sealed = sealer.seal(tx);
    clock.advance(Duration.ofMinutes(10));
    assertThatThrownBy(() -> sealer.unseal(sealed, "https://idp/api/v2", "client"))
        .isInstanceOfSatisfying(
            InvalidTransactionException.class, e -> assertThat(e.expired()).isTrue());
  }

  @Test
  void unseal_whenOtherClientOrIssuer_throws() {
    String sealed = sealer.seal(tx);
    assertThatThrownBy(() -> sealer.unseal(sealed, "https://other/api/v2", "client"))
        .isInstanceOf(InvalidTransactionException.class);
    TransactionSealer otherClient =
        new TransactionSealer(key, "client-2", Duration.ofMinutes(10), clock);
    assertThatThrownBy(() -> otherClient.unseal(sealed, "https://idp/api/v2", "client-2"))
        .isInstanceOf(InvalidTransactionException.class)
        .hasMessage("login transaction is not authentic");
  }

  @Test
  void unseal_whenAnyByteChanged_throws() {
    String sealed = sealer.seal(tx);
    for (int i = 0; i < sealed.length(); i += 7) {
      char c = sealed.charAt(i);
      if (c == '.') {
        continue;
      }
      String tampered = sealed.substring(0, i) + (c == 'A' ? 'B' : 'A') + sealed.substring(i + 1);
      assertThatThrownBy(() -> sealer.unseal(tampered, "https://idp/api/v2", "client"))
          .isInstanceOf(InvalidTransactionException.class);
    }
  }

  @Test
  void unseal_whenAlgNotDirGcm_throws() {
    // a JWE header naming another algorithm must be refused before any decryption
    String header =
        com.nimbusds.jose.util.Base64URL.encode("{\"alg\":\"dir\",\"enc\":\"A128GCM\"}").toString();
    String sealed = sealer.seal(tx);
    String swapped = header + sealed.substring(sealed.indexOf('.'));
    assertThatThrownBy(() -> sealer.unseal(swapped, "https://idp/api/v2", "client"))
        .isInstanceOf(InvalidTransactionException.class);
  }
}
