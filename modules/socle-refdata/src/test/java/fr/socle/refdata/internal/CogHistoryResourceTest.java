package fr.socle.refdata.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.SocleClientException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class CogHistoryResourceTest {

  private static byte[] embeddedRaw() throws IOException {
    try (InputStream in =
            CogHistoryResource.class.getResourceAsStream(CogHistoryResource.EMBEDDED);
        GZIPInputStream z = new GZIPInputStream(in)) {
      return z.readAllBytes();
    }
  }

  private static ByteArrayInputStream gz(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(raw);
    }
    return new ByteArrayInputStream(out.toByteArray());
  }

  @Test
  void loadEmbedded_readsEveryMillesimeAndEntry() {
    CogHistoryResource.Data d = CogHistoryResource.loadEmbedded();
    assertThat(d.millesimes()).hasSize(7);
    assertThat(d.codes()).hasSizeGreaterThan(1000);
    for (int i = 0; i < d.codes().length; i++) {
      assertThat(d.currents()[i]).isNotEmpty();
    }
  }

  @Test
  void load_whenBadMagicOrFormat_refuses() throws IOException {
    byte[] raw = embeddedRaw();
    byte[] magic = raw.clone();
    magic[0] = 'X';
    assertThatThrownBy(() -> CogHistoryResource.load(gz(magic)))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("bad magic");
    byte[] format = raw.clone();
    format[9] = 9;
    assertThatThrownBy(() -> CogHistoryResource.load(gz(format)))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("unsupported COG history format");
  }

  @Test
  void load_whenTruncatedOrTrailingBytes_refuses() throws IOException {
    byte[] raw = embeddedRaw();
    for (int len : new int[] {0, 5, 12, 20, raw.length / 3, raw.length / 2, raw.length - 1}) {
      byte[] cut = Arrays.copyOf(raw, len);
      assertThatThrownBy(() -> CogHistoryResource.load(gz(cut)))
          .as("cut at %d", len)
          .isInstanceOf(SocleClientException.class);
    }
    byte[] longer = Arrays.copyOf(raw, raw.length + 2);
    assertThatThrownBy(() -> CogHistoryResource.load(gz(longer)))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("corrupt");
  }

  @Test
  void load_whenStringCountTampered_refuses() throws IOException {
    byte[] raw = embeddedRaw();
    raw[10] = 0x7F; // high byte of the string count
    assertThatThrownBy(() -> CogHistoryResource.load(gz(raw)))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("corrupt");
  }
}
