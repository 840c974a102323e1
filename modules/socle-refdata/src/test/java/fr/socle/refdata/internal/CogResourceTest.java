package fr.socle.refdata.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.SocleClientException;
import fr.socle.refdata.CommuneType;
import fr.socle.refdata.Zone;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class CogResourceTest {
  // String table of the sample resource; index 0 is the empty string ("absent").
  private static final List<String> STRINGS =
      List.of(
          "",
          "pkg",
          "1.0",
          "84",
          "Auvergne-Rhône-Alpes",
          "69123",
          "01",
          "Ain",
          "01053",
          "200069193",
          "CA du Bassin de Bourg-en-Bresse",
          "CA",
          "FPU",
          "01001",
          "L'Abergement-Clémenciat",
          "210100012",
          "01400",
          "01002",
          "011",
          "Belley",
          "01034",
          "200057867",
          "Plaine Commune",
          "EPT");

  /**
   * Writes a format-3 resource: one région, one département, one arrondissement, one EPCI, one EPT,
   * two communes.
   */
  private static byte[] sample(int format, int communeType, int zone, int trailing)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write("SOCLECOG".getBytes(StandardCharsets.US_ASCII));
    out.writeShort(format);
    int split = 7; // the string table comes in two blocks
    block(out, split, strings(STRINGS.subList(0, split)));
    block(out, STRINGS.size() - split, strings(STRINGS.subList(split, STRINGS.size())));
    out.writeInt(2026);
    ref(out, "pkg", "1.0");
    out.writeShort(1); // régions
    ref(out, "84", "Auvergne-Rhône-Alpes", "69123");
    out.writeByte(0);
    out.writeShort(1); // départements
    ref(out, "01", "Ain", "84", "01053");
    out.writeByte(0);
    out.writeShort(1); // arrondissements
    ref(out, "011", "Belley", "01", "84", "01034");
    out.writeShort(1); // EPCI
    ref(out, "200069193", "CA du Bassin de Bourg-en-Bresse", "CA", "FPU");
    out.writeInt(1000);
    out.writeInt(900);
    out.writeShort(1);
    ref(out, "01001");
    out.writeShort(1); // EPT
    ref(out, "200057867", "Plaine Commune", "EPT", "");
    out.writeInt(450_000);
    out.writeInt(440_000);
    out.writeShort(1);
    ref(out, "01002");
    for (String code : List.of("01001", "01002")) { // two blocks of one commune
      ByteArrayOutputStream recordBytes = new ByteArrayOutputStream();
      DataOutputStream record = new DataOutputStream(recordBytes);
      communeRecord(record, code, communeType, zone);
      block(out, 1, recordBytes.toByteArray());
    }
    for (int i = 0; i < trailing; i++) {
      out.writeByte(0);
    }
    return bytes.toByteArray();
  }

  private static int rank = 3;

  private static void communeRecord(DataOutputStream out, String code, int communeType, int zone)
      throws IOException {
    {
      out.writeByte(communeType);
      ref(out, code, "L'Abergement-Clémenciat", "01", "84");
      out.writeByte(zone);
      ref(out, "210100012");
      out.writeInt(860);
      out.writeByte(1);
      ref(out, "01400");
      out.writeByte(0);
      ref(out, "", code.equals("01001") ? "200069193" : "");
      ref(out, "011");
      out.writeByte(code.equals("01001") ? rank : 0);
    }
  }

  private static byte[] strings(List<String> strings) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    for (String s : strings) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeShort(b.length | (b.length != s.length() ? 0x8000 : 0));
      out.write(b);
    }
    return bytes.toByteArray();
  }

  private static void block(DataOutputStream out, int count, byte[] content) throws IOException {
    out.writeInt(count);
    out.writeInt(content.length);
    out.write(content);
  }

  private static byte[] sample() throws IOException {
    return sample(3, 0, 0, 0);
  }

  private static void ref(DataOutputStream out, String... values) throws IOException {
    for (String v : values) {
      int i = STRINGS.indexOf(v);
      if (i < 0) {
        throw new IllegalArgumentException(v);
      }
      out.writeInt(i);
    }
  }

  private static ByteArrayInputStream gz(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(raw);
    }
    return new ByteArrayInputStream(out.toByteArray());
  }

  private static byte[] embeddedGzip() throws IOException {
    try (InputStream in = CogResource.class.getResourceAsStream(CogResource.EMBEDDED)) {
      return in.readAllBytes();
    }
  }

  @Test
  void load_whenWellFormed_readsEveryRecordAndSharesStrings() throws IOException {
    CogData data = CogResource.load(gz(sample()));

    assertThat(data.millesime().year()).isEqualTo(2026);
    assertThat(data.millesime().source()).isEqualTo("pkg 1.0");
    assertThat(data.regions().get(0).nom()).isEqualTo("Auvergne-Rhône-Alpes");
    assertThat(data.departements().get(0).regionCode()).isEqualTo("84");
    assertThat(data.epcis().get(0).memberCodes()).containsExactly("01001");
    assertThat(data.communes()).extracting(c -> c.code()).containsExactly("01001", "01002");
    var first = data.communes().get(0);
    assertThat(first.nom()).isEqualTo("L'Abergement-Clémenciat");
    assertThat(first.type()).isEqualTo(CommuneType.ACTUELLE);
    assertThat(first.zone()).isEqualTo(Zone.METRO);
    assertThat(first.population()).hasValue(860);
    assertThat(first.postalCodes()).containsExactly("01400");
    assertThat(first.parentCode()).isEmpty();
    assertThat(first.epciCode()).contains("200069193");
    assertThat(data.communes().get(1).epciCode()).isEmpty();
    assertThat(data.communes().get(1).postalCodes().get(0)).isSameAs(first.postalCodes().get(0));
    assertThat(first.arrondissementCode()).contains("011");
    assertThat(first.chefLieuRank()).isEqualTo(fr.socle.refdata.ChefLieuRank.DEPARTEMENT);
    assertThat(data.communes().get(1).chefLieuRank()).isEqualTo(fr.socle.refdata.ChefLieuRank.NONE);
    assertThat(data.arrondissements().get(0).chefLieu()).isEqualTo("01034");
    assertThat(data.epts().get(0).memberCodes()).containsExactly("01002");
    assertThat(data.epts().get(0).type()).isEqualTo("EPT");
  }

  @Test
  void load_whenChefLieuRankUnknown_refuses() {
    int saved = rank;
    rank = 9;
    try {
      assertThatThrownBy(() -> CogResource.load(gz(sample())))
          .isInstanceOf(SocleClientException.class)
          .hasMessageContaining("corrupt COG resource");
    } finally {
      rank = saved;
    }
  }

  @Test
  void load_whenBadMagic_refuses() throws IOException {
    byte[] raw = sample();
    raw[0] = 'X';
    assertThatThrownBy(() -> CogResource.load(gz(raw)))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("not a COG resource");
  }

  @Test
  void load_whenUnknownFormatVersion_refuses() {
    assertThatThrownBy(() -> CogResource.load(gz(sample(2, 0, 0, 0))))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("unsupported COG resource format 2");
  }

  @Test
  void load_whenTruncatedAnywhere_refusesWithAClearError() throws IOException {
    byte[] raw = sample();
    for (int len = 0; len < raw.length; len++) {
      byte[] cut = Arrays.copyOf(raw, len);
      assertThatThrownBy(() -> CogResource.load(gz(cut)))
          .as("cut at %d", len)
          .isInstanceOf(SocleClientException.class)
          .hasMessageMatching("(not a COG resource|corrupt COG resource).*");
    }
  }

  @Test
  void load_whenBlockLengthWrong_refuses() throws IOException {
    byte[] raw = sample();
    raw[17]++; // low byte of the first string block's length
    assertThatThrownBy(() -> CogResource.load(gz(raw)))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("corrupt COG resource");
  }

  @Test
  void load_whenTrailingBytes_refuses() {
    assertThatThrownBy(() -> CogResource.load(gz(sample(3, 0, 0, 3))))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("corrupt COG resource");
  }

  @Test
  void load_whenUnknownCommuneTypeOrZone_refuses() {
    assertThatThrownBy(() -> CogResource.load(gz(sample(3, 9, 0, 0))))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("corrupt COG resource");
    assertThatThrownBy(() -> CogResource.load(gz(sample(3, 0, 7, 0))))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("corrupt COG resource");
  }

  @Test
  void load_whenStringReferenceOutOfRange_refuses() throws IOException {
    byte[] raw = sample();
    // The last five bytes are the arrondissement reference and the rank of the last commune.
    raw[raw.length - 5] = 0x7F;
    assertThatThrownBy(() -> CogResource.load(gz(raw)))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("out of range");
  }

  @Test
  void load_whenStringCountImplausible_refuses() throws IOException {
    byte[] raw = sample();
    raw[10] = 0x7F; // first byte of the first string count, right after magic and format
    assertThatThrownBy(() -> CogResource.load(gz(raw)))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("corrupt COG resource");
  }

  @Test
  void load_whenEmbeddedGzipTruncatedOrTampered_failsInsteadOfLoadingPartialData()
      throws IOException {
    byte[] gz = embeddedGzip();
    byte[] half = Arrays.copyOf(gz, gz.length / 2);
    assertThatThrownBy(() -> CogResource.load(new ByteArrayInputStream(half)))
        .isInstanceOf(IOException.class);
    byte[] tampered = gz.clone();
    tampered[gz.length - 6] ^= 0x55; // inside the CRC32 trailer
    assertThatThrownBy(() -> CogResource.load(new ByteArrayInputStream(tampered)))
        .isInstanceOf(IOException.class);
  }

  @Test
  void load_whenEmbeddedPayloadTruncated_refuses() throws IOException {
    byte[] raw;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(embeddedGzip()))) {
      raw = in.readAllBytes();
    }
    byte[] cut = Arrays.copyOf(raw, raw.length - 1);
    assertThatThrownBy(() -> CogResource.load(gz(cut)))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void load_whenNotGzip_refuses() {
    assertThatThrownBy(
            () ->
                CogResource.load(
                    new ByteArrayInputStream("plain".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IOException.class);
  }
}
