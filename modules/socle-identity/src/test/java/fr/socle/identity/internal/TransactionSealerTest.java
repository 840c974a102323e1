package fr.socle.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import fr.socle.core.Secret;
import fr.socle.identity.InvalidTransactionException;
import fr.socle.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TransactionSealerTest {
  private final TestClock clock = TestClock.at(Instant.parse("2026-11-29T10:00:00Z"));
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

  @Test
  void seal_producesAStandardCompactJwe_thatNimbusOpens() throws Exception {
    String sealed = sealer.seal(tx);
    JWEObject jwe = JWEObject.parse(sealed);
    assertThat(jwe.getHeader().getAlgorithm()).isEqualTo(JWEAlgorithm.DIR);
    assertThat(jwe.getHeader().getEncryptionMethod()).isEqualTo(EncryptionMethod.A256GCM);
    jwe.decrypt(new DirectDecrypter(TransactionSealer.deriveKey(key, "client")));
    long created = clock.instant().getEpochSecond();
    assertThat(jwe.getPayload().toString())
        .isEqualTo(
            String.join(
                "\n",
                "2",
                "https://idp/api/v2",
                "client",
                "s".repeat(64),
                "n".repeat(64),
                "v",
                "eidas1",
                Long.toString(created),
                Long.toString(created + 600)));
  }

  @Test
  void unseal_acceptsAJweThatNimbusSealed() throws Exception {
    long created = clock.instant().getEpochSecond();
    String sealed =
        nimbusSeal(
            "2\nhttps://idp/api/v2\nclient\n"
                + "s".repeat(64)
                + "\n"
                + "n".repeat(64)
                + "\n\n\n"
                + created
                + "\n"
                + (created + 60));
    assertThat(sealer.unseal(sealed, "https://idp/api/v2", "client"))
        .isEqualTo(
            new LoginTransaction(
                "https://idp/api/v2",
                "client",
                "s".repeat(64),
                "n".repeat(64),
                null,
                null,
                clock.instant()));
  }

  @Test
  void unseal_whenPlaintextHasAnotherFormat_throwsMalformed() throws Exception {
    long t = clock.instant().getEpochSecond();
    for (String plaintext :
        new String[] {
          "3\nhttps://idp/api/v2\nclient\ns\nn\n\n\n" + t + "\n" + (t + 60),
          "2\nhttps://idp/api/v2\nclient\ns\nn\n\n" + t + "\n" + (t + 60),
          "2\nhttps://idp/api/v2\nclient\ns\nn\n\n\n" + t + "\n" + (t + 60) + "\n",
          "2\nhttps://idp/api/v2\nclient\ns\nn\n\n\n" + t + "\nsoon",
          "{\"st\":\"s\"}"
        }) {
      String sealed = nimbusSeal(plaintext);
      assertThatThrownBy(() -> sealer.unseal(sealed, "https://idp/api/v2", "client"))
          .isInstanceOf(InvalidTransactionException.class)
          .hasMessage("login transaction is malformed");
    }
  }

  @Test
  void unseal_whenStructureIsNotExactlyOurs_throws() {
    String sealed = sealer.seal(tx);
    String[] p = sealed.split("\\.", -1);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String[] hostile = {
      sealed + ".",
      sealed + ".AAAA",
      p[0] + ".AAAA." + p[2] + "." + p[3] + "." + p[4],
      p[0] + "." + p[1] + "." + p[2] + "." + p[3],
      p[0] + "." + p[1] + "." + b64.encodeToString(new byte[16]) + "." + p[3] + "." + p[4],
      p[0] + "." + p[1] + "." + p[2] + "." + p[3] + "." + p[4].substring(2),
      p[0] + "." + p[1] + "." + p[2] + "." + p[3] + "=." + p[4],
      p[0] + "." + p[1] + "." + p[2] + "." + p[3] + "." + p[4] + "==",
      p[0] + "." + p[1] + "." + p[2] + "." + p[3] + "." + "+" + p[4].substring(1),
      p[0] + "." + p[1] + "." + p[2] + "." + p[3] + "." + nonCanonical(p[4]),
      "x".repeat(TransactionSealer.MAX_SEALED_LENGTH + 1),
      "",
      "...."
    };
    for (String candidate : hostile) {
      assertThatThrownBy(() -> sealer.unseal(candidate, "https://idp/api/v2", "client"))
          .as(candidate)
          .isInstanceOf(InvalidTransactionException.class);
    }
    assertThat(sealer.unseal(sealed, "https://idp/api/v2", "client")).isEqualTo(tx);
  }

  @Test
  void seal_whenAFieldHoldsALineBreak_refuses() {
    LoginTransaction bad =
        new LoginTransaction(
            "https://idp/api/v2\nx", "client", "s", "n", null, null, clock.instant());
    assertThatThrownBy(() -> sealer.seal(bad)).isInstanceOf(IllegalArgumentException.class);
  }

  /** The same 16-byte tag, written with non-zero unused bits in its last character. */
  private static String nonCanonical(String segment) {
    char last = segment.charAt(segment.length() - 1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char other = alphabet.charAt(alphabet.indexOf(last) ^ 1);
    return segment.substring(0, segment.length() - 1) + other;
  }

  private String nimbusSeal(String plaintext) throws Exception {
    JWEObject jwe =
        new JWEObject(
            new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).build(),
            new Payload(plaintext));
    jwe.encrypt(new DirectEncrypter(TransactionSealer.deriveKey(key, "client")));
    return jwe.serialize();
  }
}
