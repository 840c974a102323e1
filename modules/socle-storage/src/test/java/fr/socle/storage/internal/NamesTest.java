package fr.socle.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  @DisplayName("a lone surrogate is refused instead of colliding with '?'")
  void requireValidName_whenLoneSurrogate_refuses() {
    for (String bad : new String[] {"\uD800", "\uDC00", "a\uD83D", "\uDCC4b", "x\uDC00\uD800"}) {
      assertThatThrownBy(() -> Names.requireValidName("id", bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("UTF-16");
      assertThatThrownBy(() -> Names.segment(bad)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(Names.segment("\uD83D\uDCC4")).isNotEqualTo(Names.segment("?"));
  }

  /**
   * Property: over arbitrary strings (lone surrogates, controls, ASCII, any BMP or astral
   * character), every name is either refused or encoded to a segment that decodes back to it, so no
   * two accepted names share a segment.
   */
  @Test
  @DisplayName("the name encoding is injective over arbitrary strings")
  void segment_overArbitraryStrings_isInjective() {
    SplittableRandom random = new SplittableRandom(20261205);
    Map<String, String> nameBySegment = new HashMap<>();
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < 200_000; i++) {
      String name = arbitrary(random);
      String segment;
      try {
        segment = Names.segment(name);
      } catch (IllegalArgumentException e) {
        refused++;
        continue;
      }
      accepted++;
      assertThat(segment).matches("[a-z0-9~][a-z0-9_~-]*");
      assertThat(Names.decodeSegment(segment)).as("segment of %s", escape(name)).contains(name);
      String previous = nameBySegment.putIfAbsent(segment, name);
      if (previous != null) {
        assertThat(previous).as("two names share %s", segment).isEqualTo(name);
      }
    }
    assertThat(accepted).isGreaterThan(10_000);
    assertThat(refused).isGreaterThan(10_000);
  }

  private static String arbitrary(SplittableRandom random) {
    int length = 1 + random.nextInt(6);
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < length; j++) {
      switch (random.nextInt(5)) {
        case 0 -> sb.append((char) ('a' + random.nextInt(4)));
        case 1 -> sb.append("?~-_/.A".charAt(random.nextInt(7)));
        case 2 -> sb.append((char) (0xD800 + random.nextInt(0x800))); // any surrogate, alone
        case 3 -> sb.appendCodePoint(0x1F300 + random.nextInt(64)); // a well-formed pair
        default -> sb.append((char) random.nextInt(0x10000));
      }
    }
    return sb.toString();
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    s.chars().forEach(c -> sb.append(String.format("\\u%04X", c)));
    return sb.toString();
  }
}
