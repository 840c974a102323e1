package fr.socle.refdata.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.SocleClientException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class CogResourceTest {
  private static final String HEAD = "#socle-refdata\t1\nM\t2026\tpkg\t1.0\n";
  private static final String COMMUNE =
      "C\tA\t01001\tL'Abergement-Clémenciat\t01\t84\t012\tmetro\t210100012\t860\t01400\t\t\t5\n";

  private static ByteArrayInputStream gz(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return new ByteArrayInputStream(out.toByteArray());
  }

  @Test
  void load_whenWellFormed_decodesUtf8NamesAcrossBothHalves() throws IOException {
    CogData data = CogResource.load(gz(HEAD + COMMUNE + COMMUNE.replace("01001", "01002")));
    assertThat(data.communes()).extracting(c -> c.code()).containsExactly("01001", "01002");
    assertThat(data.communes().get(1).nom()).isEqualTo("L'Abergement-Clémenciat");
    assertThat(data.millesime().year()).isEqualTo(2026);
  }

  @Test
  void load_whenUnknownFormatVersion_refuses() {
    assertThatThrownBy(() -> CogResource.load(gz("#socle-refdata\t2\n" + COMMUNE)))
        .isInstanceOf(SocleClientException.class);
  }

  @Test
  void load_whenRecordCorruptOrUnknown_refuses() {
    assertThatThrownBy(() -> CogResource.load(gz(HEAD + COMMUNE.replace("\tA\t", "\tQ\t"))))
        .isInstanceOf(SocleClientException.class);
    assertThatThrownBy(() -> CogResource.load(gz(HEAD + COMMUNE.replace("\t860\t", "\tmany\t"))))
        .isInstanceOf(SocleClientException.class);
    assertThatThrownBy(() -> CogResource.load(gz(HEAD + "X\tfoo\n" + COMMUNE)))
        .isInstanceOf(SocleClientException.class);
    assertThatThrownBy(() -> CogResource.load(gz(HEAD + COMMUNE + "R\t11\tx\t75056\tmetro\t0\n")))
        .isInstanceOf(SocleClientException.class);
  }

  @Test
  void load_whenNoCommuneOrNoMillesime_refuses() {
    assertThatThrownBy(() -> CogResource.load(gz(HEAD))).isInstanceOf(SocleClientException.class);
    assertThatThrownBy(() -> CogResource.load(gz("#socle-refdata\t1\n" + COMMUNE)))
        .isInstanceOf(SocleClientException.class);
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
