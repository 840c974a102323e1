package fr.socle.storage;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Deterministic pseudo-random content generated on the fly, never held in memory whole. */
final class TestData {
  private TestData() {}

  static byte[] bytes(int size, long seed) {
    byte[] b = new byte[size];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A stream of {@code size} pseudo-random bytes. */
  static InputStream stream(long size, long seed) {
    return new InputStream() {
      private final SplittableRandom random = new SplittableRandom(seed);
      private final byte[] block = new byte[8192];
      private int pos = block.length;
      private long remaining = size;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (remaining == 0) {
          return -1;
        }
        int n = 0;
        while (n < len && remaining > 0) {
          if (pos == block.length) {
            random.nextBytes(block);
            pos = 0;
          }
          int k = (int) Math.min(Math.min(len - n, block.length - pos), remaining);
          System.arraycopy(block, pos, b, off + n, k);
          pos += k;
          n += k;
          remaining -= k;
        }
        return n;
      }
    };
  }
}
