package fr.socle.storage.internal;

import com.google.crypto.tink.StreamingAead;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Drives the same code paths as a deposit and a read (streaming AES-GCM in both directions, the
 * digest) with a throw-away key and no storage, so that the JIT compiles them before real traffic.
 */
public final class WarmUp {
  private static final int MIB = 1 << 20;

  private WarmUp() {}

  /**
   * Encrypts and decrypts {@code mebibytes} MiB in 16 MiB rounds.
   *
   * @param mebibytes amount of data to push through each direction
   */
  public static void run(int mebibytes) {
    DocumentCrypto.DataKey key = DocumentCrypto.newDataKey();
    Arrays.fill(key.serialized(), (byte) 0);
    StreamingAead aead = key.aead();
    byte[] chunk = new byte[64 * 1024];
    byte[] depositChunk = new byte[PipelinedDigest.LENT_SIZE];
    byte[] aad = "warm-up".getBytes();
    int rounds = Math.max(1, mebibytes / 16);
    try {
      for (int r = 0; r < rounds; r++) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream(17 * MIB);
        var digest = Hashing.digest("SHA-256");
        // A deposit writes 1 MiB chunks (ContentPump), which Tink seals partly in place.
        try (OutputStream enc = aead.newEncryptingStream(sink, aad)) {
          for (int i = 0; i < 16; i++) {
            digest.update(depositChunk);
            enc.write(depositChunk);
          }
        }
        try (InputStream dec =
            aead.newDecryptingStream(new ByteArrayInputStream(sink.toByteArray()), aad)) {
          int n;
          while ((n = dec.read(chunk)) != -1) {
            digest.update(chunk, 0, n);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
