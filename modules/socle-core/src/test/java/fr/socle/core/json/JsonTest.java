package fr.socle.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.SocleClientException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  public record Commune(String code, String nom, long population, List<String> codesPostaux) {}

  private final Json json = Json.create();

  @Test
  void read_mapsARecordAndIgnoresUnknownProperties() {
    Commune c =
        json.read(
            "{\"code\":\"75056\",\"nom\":\"Paris\",\"population\":2113705,"
                + "\"codesPostaux\":[\"75001\",\"75002\"],\"surface\":10540,\"centre\":{\"x\":1}}",
            Commune.class);
    assertThat(c).isEqualTo(new Commune("75056", "Paris", 2113705, List.of("75001", "75002")));
  }

  @Test
  void write_thenRead_roundTripsAndLeavesNullsOut() {
    String text = json.writeString(new Commune("01001", "L'Abergement-Clémenciat", 779, null));
    assertThat(text).doesNotContain("codesPostaux").contains("Clémenciat");
    assertThat(json.read(text.getBytes(StandardCharsets.UTF_8), Commune.class).nom())
        .isEqualTo("L'Abergement-Clémenciat");
  }

  @Test
  void read_whenMalformed_failsWithoutEchoingTheInput() {
    assertThatThrownBy(() -> json.read("{\"nom\":\"jean.dupont@example.fr\"", Commune.class))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining(Commune.class.getName())
        .hasMessageNotContaining("jean.dupont");
  }

  @Test
  void read_whenTheTypeDoesNotFit_failsTyped() {
    assertThatThrownBy(() -> json.read("{\"population\":\"many\"}", Commune.class))
        .isInstanceOf(SocleClientException.class);
  }

  @Test
  void read_whenNullDocument_failsTyped() {
    assertThatThrownBy(() -> json.read("null", Commune.class))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("null");
    assertThatThrownBy(() -> json.read((byte[]) null, Commune.class))
        .isInstanceOf(SocleClientException.class);
  }

  @Test
  void read_whenLargerThanTheCap_refusesBeforeParsing() {
    Json small = Json.withMaxInputBytes(64);
    String big = "{\"nom\":\"" + "a".repeat(100) + "\"}";
    assertThatThrownBy(() -> small.read(big, Commune.class))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("64 bytes");
    assertThatThrownBy(
            () ->
                small.read(
                    new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)), Commune.class))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("64 bytes");
  }

  @Test
  void read_intoAMap_givesAGenericTree() {
    @SuppressWarnings("unchecked")
    Map<String, Object> tree = json.read("{\"a\":[1,2],\"b\":{\"c\":true}}", Map.class);
    assertThat(tree).containsKeys("a", "b");
  }

  @Test
  void withMaxInputBytes_refusesANonPositiveCap() {
    assertThatThrownBy(() -> Json.withMaxInputBytes(0)).isInstanceOf(SocleClientException.class);
  }
}
