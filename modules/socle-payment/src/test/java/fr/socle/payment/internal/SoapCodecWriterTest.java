package fr.socle.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SoapCodecWriterTest {
  private final SoapCodec codec = new SoapCodec();

  @Test
  void paymentDetail_isTheWritersEnvelopeForEveryWellFormedId() {
    for (String id :
        new String[] {
          UUID.randomUUID().toString(),
          UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT),
          "a",
          "0-socle-marker-0",
          "x".repeat(64)
        }) {
      assertThat(codec.paymentDetail(id)).isEqualTo(codec.writtenPaymentDetail(id));
    }
  }

  @Test
  void paymentDetail_escapesAnIdThatIsNotWellFormed() {
    String body = new String(codec.paymentDetail("a<b&c"), StandardCharsets.UTF_8);

    assertThat(body).contains("<idOp>a&lt;b&amp;c</idOp>");
  }
}
