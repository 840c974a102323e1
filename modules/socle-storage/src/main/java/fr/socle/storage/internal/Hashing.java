package fr.socle.storage.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Unambiguous (length-prefixed) encodings and SHA digests. */
public final class Hashing {
  private Hashing() {}

  /**
   * Creates a digest.
   *
   * @param jcaName the JCA name
   * @return a new digest
   */
  public static MessageDigest digest(String jcaName) {
    try {
      return MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jcaName + " unavailable", e);
    }
  }

  /**
   * SHA-256 of bytes.
   *
   * @param bytes the input
   * @return the digest
   */
  public static byte[] sha256(byte[] bytes) {
    return digest("SHA-256").digest(bytes);
  }

  /**
   * Lowercase hexadecimal.
   *
   * @param bytes the input
   * @return hex
   */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * Encodes fields so that no two different field lists give the same bytes: each field is its
   * UTF-8 length (4 bytes) then its bytes.
   *
   * @param fields the fields, {@code null} encoded differently from empty
   * @return the encoding
   */
  public static byte[] canonical(String... fields) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(fields.length);
      for (String f : fields) {
        if (f == null) {
          out.writeInt(-1);
        } else {
          byte[] b = f.getBytes(StandardCharsets.UTF_8);
          out.writeInt(b.length);
          out.write(b);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
