package fr.socle.refdata.internal;

import fr.socle.core.SocleClientException;
import fr.socle.refdata.Millesime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads the history resource written by {@code tools/generate-cog.mjs} (format 1, described in
 * {@code tools/README.md}): the commune entries of earlier COG millésimes that differ from the
 * embedded one, each with the range of millésimes holding it and the current code it leads to.
 *
 * <p>Loaded on the first historical lookup only, so that it costs nothing to the cold load.
 */
public final class CogHistoryResource {
  /** The resource holding the earlier millésimes. */
  public static final String EMBEDDED = "/fr/socle/refdata/internal/cog-history.bin.gz";

  /** Year index of an entry known only as a former code, before the oldest millésime. */
  public static final int BEFORE_OLDEST = 255;

  private static final int FORMAT = 1;
  private static final byte[] MAGIC = "SOCLEHIS".getBytes(StandardCharsets.US_ASCII);
  private static final long MAX_BYTES = 4L * 1024 * 1024;

  /**
   * The decoded history, as parallel arrays indexed by entry.
   *
   * @param millesimes the covered millésimes, oldest first; the last is the embedded one
   * @param types the {@code CommuneType} ordinal of each entry
   * @param codes the codes
   * @param noms the names
   * @param departements the département codes (empty for former codes)
   * @param parents the parent codes (empty when none)
   * @param first index in {@code millesimes} of the first millésime holding the entry, or {@link
   *     #BEFORE_OLDEST}
   * @param last index of the last millésime holding it, or {@link #BEFORE_OLDEST}
   * @param currents the current code each entry leads to
   */
  public record Data(
      Millesime[] millesimes,
      byte[] types,
      String[] codes,
      String[] noms,
      String[] departements,
      String[] parents,
      int[] first,
      int[] last,
      String[] currents) {}

  private final byte[] b;
  private int pos;
  private String[] strings;

  private CogHistoryResource(byte[] b) {
    this.b = b;
  }

  /**
   * Loads the embedded history.
   *
   * @return the data
   * @throws SocleClientException if the resource is missing or corrupt
   */
  public static Data loadEmbedded() {
    try (InputStream in = CogHistoryResource.class.getResourceAsStream(EMBEDDED)) {
      if (in == null) {
        throw new SocleClientException("COG history missing from the class path: " + EMBEDDED);
      }
      return load(in);
    } catch (IOException e) {
      throw new SocleClientException("cannot read the COG history resource", e);
    }
  }

  /**
   * Loads a history resource.
   *
   * @param gzipped the gzip stream
   * @return the data
   * @throws IOException if reading fails
   * @throws SocleClientException if the content is not a history resource of this format or is
   *     corrupt
   */
  public static Data load(InputStream gzipped) throws IOException {
    byte[] bytes;
    try (GZIPInputStream in = new GZIPInputStream(gzipped, 64 * 1024)) {
      bytes = in.readNBytes((int) MAX_BYTES + 1);
    }
    if (bytes.length > MAX_BYTES) {
      throw new SocleClientException("COG history larger than " + MAX_BYTES + " bytes");
    }
    CogHistoryResource r = new CogHistoryResource(bytes);
    if (bytes.length < MAGIC.length + 2
        || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new SocleClientException("not a COG history resource (bad magic)");
    }
    r.pos = MAGIC.length;
    int format = r.u16();
    if (format != FORMAT) {
      throw new SocleClientException("unsupported COG history format " + format);
    }
    try {
      Data data = r.records();
      if (r.pos != bytes.length) {
        throw new IllegalArgumentException((bytes.length - r.pos) + " trailing bytes");
      }
      return data;
    } catch (RuntimeException e) {
      throw new SocleClientException("corrupt COG history resource near byte " + r.pos, e);
    }
  }

  private Data records() {
    int count = i32();
    int length = i32();
    int limit = pos + length;
    if (count < 1 || count > b.length || length < 0) {
      throw new IllegalArgumentException("implausible string table");
    }
    strings = new String[count];
    for (int i = 0; i < count; i++) {
      int len = u16();
      boolean utf8 = (len & 0x8000) != 0;
      len &= 0x7FFF;
      if (pos + len > limit) {
        throw new IllegalArgumentException("string past the end of its block");
      }
      strings[i] =
          new String(b, pos, len, utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
      pos += len;
    }
    if (pos != limit || !strings[0].isEmpty()) {
      throw new IllegalArgumentException("bad string table");
    }
    Millesime[] millesimes = new Millesime[u8()];
    if (millesimes.length == 0) {
      throw new IllegalArgumentException("no millésime");
    }
    for (int i = 0; i < millesimes.length; i++) {
      millesimes[i] = new Millesime(i32(), str());
    }
    int n = i32();
    if (n < 0 || n > b.length) {
      throw new IllegalArgumentException("implausible entry count");
    }
    Data d =
        new Data(
            millesimes,
            new byte[n],
            new String[n],
            new String[n],
            new String[n],
            new String[n],
            new int[n],
            new int[n],
            new String[n]);
    for (int i = 0; i < n; i++) {
      int type = u8();
      if (type > 3) {
        throw new IllegalArgumentException("unknown commune type " + type);
      }
      d.types()[i] = (byte) type;
      d.codes()[i] = str();
      d.noms()[i] = str();
      d.departements()[i] = str();
      d.parents()[i] = str();
      int first = u8();
      int last = u8();
      boolean former = first == BEFORE_OLDEST && last == BEFORE_OLDEST;
      if (!former && (first > last || last >= millesimes.length)) {
        throw new IllegalArgumentException("bad millésime range");
      }
      d.first()[i] = first;
      d.last()[i] = last;
      d.currents()[i] = str();
      if (d.codes()[i].isEmpty() || d.noms()[i].isEmpty() || d.currents()[i].isEmpty()) {
        throw new IllegalArgumentException("entry without code, name or current code");
      }
    }
    return d;
  }

  private String str() {
    return strings[i32()];
  }

  private int u8() {
    return b[pos++] & 0xFF;
  }

  private int u16() {
    int v = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
    pos += 2;
    return v;
  }

  private int i32() {
    int v =
        (b[pos] << 24)
            | ((b[pos + 1] & 0xFF) << 16)
            | ((b[pos + 2] & 0xFF) << 8)
            | (b[pos + 3] & 0xFF);
    pos += 4;
    return v;
  }
}
