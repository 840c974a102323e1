package fr.socle.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.SocleClientException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BoundedReaderTest {
  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 'x');
    return b;
  }

  private static byte[] read(byte[] body, long cap, long announced) throws IOException {
    return BoundedReader.readAll(new ByteArrayInputStream(body), cap, "answer", announced);
  }

  @Test
  void readAll_withTheAnnouncedLength_readsTheBody() throws IOException {
    assertThat(read(bytes(700), 1000, 700)).isEqualTo(bytes(700));
    assertThat(read(bytes(0), 1000, 0)).isEmpty();
    assertThat(read(bytes(20_000), 100_000, -1)).isEqualTo(bytes(20_000));
  }

  @Test
  void readAll_whenTheStreamIsLongerThanAnnounced_readsOnWithinTheCap() throws IOException {
    assertThat(read(bytes(20_000), 100_000, 10)).isEqualTo(bytes(20_000));
    assertThatThrownBy(() -> read(bytes(20_000), 15_000, 10))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("limit of 15000 bytes");
    assertThatThrownBy(() -> read(bytes(1001), 1000, 1000))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("limit of 1000 bytes");
  }

  @Test
  void readAll_whenTheStreamIsShorterThanAnnounced_returnsWhatCame() throws IOException {
    assertThat(read(bytes(10), 1000, 700)).isEqualTo(bytes(10));
  }

  @Test
  void readAll_whenTheAnnouncedLengthIsOverTheCap_stillEnforcesTheCap() {
    assertThatThrownBy(() -> read(bytes(3000), 2000, 5_000_000))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("limit of 2000 bytes");
  }
}
