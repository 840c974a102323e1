package fr.socle.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
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
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("UTF-16");
      assertThatThrownBy(() -> Names.segment(bad)).isInstanceOf(InvalidInputException.class);
    }
    assertThat(Names.segment("\uD83D\uDCC4")).isNotEqualTo(Names.segment("?"));
  }

  /**
   * Property: over arbitrary strings (empty, very long, lone surrogates, controls, {@code ?},
   * {@code %}, {@code /}, {@code .}, {@code ..}, ASCII, any BMP or astral character), a name is
   * refused with {@link InvalidInputException} exactly when it is not 1 to 100 UTF-8 bytes of
   * well-formed UTF-16 without control characters, and every accepted name is encoded to a segment
   * that decodes back to it, so no two accepted names share a segment.
   */
  @Test
  @DisplayName("the name encoding is injective over arbitrary strings, and refuses exactly the bad")
  void segment_overArbitraryStrings_isInjective() {
    SplittableRandom random = new SplittableRandom(20261205);
    Map<String, String> nameBySegment = new HashMap<>();
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < 200_000; i++) {
      String name = arbitrary(random);
      boolean valid = wellFormed(name);
      String segment;
      try {
        segment = Names.segment(name);
      } catch (InvalidInputException e) {
        assertThat(valid).as("refused %s", escape(name)).isFalse();
        assertThat(e.getMessage()).startsWith("name must");
        refused++;
        continue;
      }
      assertThat(valid).as("accepted %s", escape(name)).isTrue();
      accepted++;
      assertThat(segment).matches("[a-z0-9~][a-z0-9_~-]*");
      assertThat(segment).isNotIn(".", "..");
      assertThat(Names.decodeSegment(segment)).as("segment of %s", escape(name)).contains(name);
      String previous = nameBySegment.putIfAbsent(segment, name);
      if (previous != null) {
        assertThat(previous).as("two names share %s", segment).isEqualTo(name);
      }
    }
    assertThat(accepted).isGreaterThan(10_000);
    assertThat(refused).isGreaterThan(10_000);
  }

  /** The rule, written independently of {@link Names}: the oracle of the property above. */
  private static boolean wellFormed(String s) {
    if (s.isEmpty()) {
      return false;
    }
    int utf8 = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c)) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
        utf8 += 4;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      } else {
        utf8 += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
      }
    }
    return utf8 <= Names.MAX_NAME_BYTES;
  }

  private static String arbitrary(SplittableRandom random) {
    switch (random.nextInt(40)) {
      case 0:
        return "";
      case 1:
        return random.nextBoolean() ? "." : "..";
      case 2:
        // Around the 100-byte limit, in one- and multi-byte characters.
        return "a".repeat(95 + random.nextInt(10)) + (random.nextBoolean() ? "é" : "");
      case 3:
        return "\u00e9".repeat(48 + random.nextInt(5));
      default:
        break;
    }
    int length = 1 + random.nextInt(6);
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < length; j++) {
      switch (random.nextInt(7)) {
        case 0 -> sb.append((char) ('a' + random.nextInt(4)));
        case 1 -> sb.append("?~-_/.A%\\".charAt(random.nextInt(9)));
        case 2 -> sb.append((char) (0xD800 + random.nextInt(0x800))); // any surrogate, alone
        case 3 -> sb.appendCodePoint(0x1F300 + random.nextInt(64)); // a well-formed pair
        case 4 ->
            sb.append(
                (char) (random.nextBoolean() ? random.nextInt(0x20) : 0x7F + random.nextInt(0x21)));
        case 5 -> sb.append("..");
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
