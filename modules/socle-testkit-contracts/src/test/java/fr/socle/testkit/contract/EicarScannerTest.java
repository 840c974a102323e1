package fr.socle.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.storage.spi.ContentScanner;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EicarScannerTest {
  private static boolean infected(byte[] content, int piece) {
    try (ContentScanner.Scan scan = new EicarScanner().begin()) {
      for (int pos = 0; pos < content.length; pos += piece) {
        scan.update(content, pos, Math.min(piece, content.length - pos));
      }
      return !scan.finish().isClean();
    }
  }

  @Test
  @DisplayName("the EICAR string is found wherever it sits, even split across updates")
  void findsEicarAcrossUpdates() {
    byte[] eicar = EicarScanner.eicarTestFile();
    byte[] doc = new byte[10_000];
    new Random(1).nextBytes(doc);
    System.arraycopy(eicar, 0, doc, 4_990, eicar.length);
    for (int piece : new int[] {1, 7, 67, 68, 100, 5_000, 10_000}) {
      assertThat(infected(doc, piece)).as("pieces of %d", piece).isTrue();
    }
    assertThat(infected(eicar, 68)).isTrue();
  }

  @Test
  @DisplayName("other content, or EICAR with one byte changed, is clean")
  void cleanOtherwise() {
    byte[] almost = EicarScanner.eicarTestFile();
    almost[30] ^= 1;
    assertThat(infected(almost, 10)).isFalse();
    assertThat(infected(new byte[0], 10)).isFalse();
    byte[] random = new byte[100_000];
    new Random(2).nextBytes(random);
    assertThat(infected(random, 4096)).isFalse();
  }
}
