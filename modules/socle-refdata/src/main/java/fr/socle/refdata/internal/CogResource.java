package fr.socle.refdata.internal;

import fr.socle.core.SocleClientException;
import fr.socle.refdata.Commune;
import fr.socle.refdata.CommuneType;
import fr.socle.refdata.Departement;
import fr.socle.refdata.Epci;
import fr.socle.refdata.Millesime;
import fr.socle.refdata.Region;
import fr.socle.refdata.Zone;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.GZIPInputStream;

/**
 * Reads the COG resource written by {@code tools/generate-cog.mjs}: gzip, UTF-8, one record per
 * line, tab-separated fields, lists comma-separated, empty field = absent. Line kinds: {@code M}
 * millésime, {@code R} région, {@code D} département, {@code E} EPCI, {@code C} commune (see the
 * generator for the field order).
 */
public final class CogResource {
  /** The resource holding COG 2026. */
  public static final String EMBEDDED = "/fr/socle/refdata/internal/cog.tsv.gz";

  private static final int FORMAT = 1;
  private static final long MAX_BYTES = 16L * 1024 * 1024;

  private final Map<String, String> pool = new HashMap<>();
  private Millesime millesime;

  private CogResource() {}

  /**
   * Loads the embedded resource.
   *
   * @return the data
   * @throws SocleClientException if the resource is missing or corrupt
   */
  public static CogData loadEmbedded() {
    try (InputStream in = CogResource.class.getResourceAsStream(EMBEDDED)) {
      if (in == null) {
        throw new SocleClientException("COG resource missing from the class path: " + EMBEDDED);
      }
      return load(in);
    } catch (IOException e) {
      throw new SocleClientException("cannot read the COG resource", e);
    }
  }

  /**
   * Loads a resource in the generator's format.
   *
   * @param gzipped the gzip stream
   * @return the data
   * @throws IOException if reading fails
   * @throws SocleClientException if the content is corrupt
   */
  public static CogData load(InputStream gzipped) throws IOException {
    byte[] bytes;
    try (GZIPInputStream in = new GZIPInputStream(gzipped, 64 * 1024)) {
      bytes = in.readNBytes((int) MAX_BYTES + 1);
    }
    if (bytes.length > MAX_BYTES) {
      throw new SocleClientException("COG resource larger than " + MAX_BYTES + " bytes");
    }
    // Decoding 2.6 MB of UTF-8 runs a per-character loop that is slow before the JIT warms up.
    // ISO-8859-1 decoding is a plain copy: the structure (tabs, newlines, codes, numbers) is ASCII
    // and comes out right; the few fields holding non-ASCII names are re-decoded as UTF-8.
    return new CogResource().parse(new String(bytes, StandardCharsets.ISO_8859_1));
  }

  private CogData parse(String text) {
    List<Region> regions = new ArrayList<>(32);
    List<Departement> departements = new ArrayList<>(128);
    List<Epci> epcis = new ArrayList<>(1300);
    List<Commune> communes = new ArrayList<>(38_000);
    Map<String, String> epciOfCommune = new HashMap<>(48_000);
    String[] f = new String[16];
    int lineNo = 0;
    int communesStart = -1;
    for (int start = 0; start < text.length() && communesStart < 0; ) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      lineNo++;
      int lineStart = start;
      int n = split(text, start, end, f);
      start = end + 1;
      try {
        switch (f[0]) {
          case "#socle-refdata" -> {
            if (Integer.parseInt(f[1]) != FORMAT) {
              throw new IllegalArgumentException("unsupported format " + f[1]);
            }
          }
          case "M" ->
              millesime = new Millesime(Integer.parseInt(f[1]), f[2].concat(" ").concat(f[3]));
          case "R" -> regions.add(new Region(f[1], utf8(f[2]), f[3], zone(f[4]), millesime()));
          case "D" ->
              departements.add(
                  new Departement(
                      intern(f[1]), utf8(f[3]), intern(f[2]), f[4], zone(f[5]), millesime()));
          case "E" -> {
            List<String> members = list(f[7]);
            for (String m : members) {
              epciOfCommune.put(m, f[1]);
            }
            epcis.add(
                new Epci(
                    f[1],
                    utf8(f[2]),
                    intern(f[3]),
                    intern(f[4]),
                    Long.parseLong(f[5]),
                    Long.parseLong(f[6]),
                    members,
                    millesime()));
          }
          case "C" -> communesStart = lineStart;
          default -> throw new IllegalArgumentException("unknown record kind " + f[0]);
        }
      } catch (RuntimeException e) {
        throw new SocleClientException(
            "corrupt COG resource at line " + lineNo + " (" + n + " fields)", e);
      }
    }
    if (communesStart >= 0 && millesime != null) {
      parseCommunesInTwoHalves(text, communesStart, epciOfCommune, communes);
    }
    if (millesime == null || communes.isEmpty()) {
      throw new SocleClientException("COG resource holds no millésime or no commune");
    }
    return new CogData(millesime, regions, departements, epcis, communes);
  }

  /**
   * Parses the commune records, the last and largest section, on two threads: the load runs before
   * the JIT has compiled anything, and a second core halves the time spent there. Each half has its
   * own string pool; the result keeps the file's order.
   */
  private void parseCommunesInTwoHalves(
      String text, int from, Map<String, String> epciOfCommune, List<Commune> out) {
    int mid = text.indexOf('\n', from + (text.length() - from) / 2);
    mid = mid < 0 ? text.length() : mid + 1;
    CogResource second = new CogResource();
    second.millesime = millesime();
    List<Commune> secondHalf = new ArrayList<>(20_000);
    RuntimeException[] failure = new RuntimeException[1];
    int secondFrom = mid;
    Thread worker =
        new Thread(
            () -> {
              try {
                second.parseCommunes(text, secondFrom, text.length(), epciOfCommune, secondHalf);
              } catch (RuntimeException e) {
                failure[0] = e;
              }
            },
            "socle-refdata-load");
    worker.setDaemon(true);
    worker.start();
    parseCommunes(text, from, mid, epciOfCommune, out);
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SocleClientException("interrupted while loading the COG resource", e);
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    out.addAll(secondHalf);
  }

  private void parseCommunes(
      String text, int from, int to, Map<String, String> epciOfCommune, List<Commune> out) {
    String[] f = new String[16];
    for (int start = from; start < to; ) {
      int end = text.indexOf('\n', start);
      if (end < 0 || end > to) {
        end = to;
      }
      int n = split(text, start, end, f);
      int offset = start;
      start = end + 1;
      if (n == 1 && f[0].isEmpty()) {
        continue; // final newline
      }
      try {
        if (!f[0].equals("C")) {
          throw new IllegalArgumentException("unexpected record kind " + f[0]);
        }
        out.add(commune(f, epciOfCommune));
      } catch (RuntimeException e) {
        throw new SocleClientException(
            "corrupt COG resource at offset " + offset + " (" + n + " fields)", e);
      }
    }
  }

  private Commune commune(String[] f, Map<String, String> epciOfCommune) {
    CommuneType type =
        switch (f[1]) {
          case "A" -> CommuneType.ACTUELLE;
          case "D" -> CommuneType.DELEGUEE;
          case "S" -> CommuneType.ASSOCIEE;
          case "M" -> CommuneType.ARRONDISSEMENT_MUNICIPAL;
          default -> throw new IllegalArgumentException("unknown commune type " + f[1]);
        };
    String code = f[2];
    // Plain code, no lambdas or string concatenation: this runs cold, once per commune.
    String epci = type == CommuneType.ACTUELLE ? epciOfCommune.get(code) : null;
    return new Commune(
        code,
        utf8(f[3]),
        type,
        intern(f[4]),
        intern(f[5]),
        zone(f[7]),
        optional(f[8]),
        f[9].isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(f[9])),
        list(f[10]),
        list(f[11]),
        f[12].isEmpty() ? Optional.empty() : Optional.of(intern(f[12])),
        epci == null ? Optional.empty() : Optional.of(epci),
        millesime());
  }

  /** Re-decodes a field read as ISO-8859-1 from UTF-8 bytes, when it is not plain ASCII. */
  private static String utf8(String latin1) {
    for (int i = 0; i < latin1.length(); i++) {
      if (latin1.charAt(i) >= 0x80) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
      }
    }
    return latin1;
  }

  private Millesime millesime() {
    if (millesime == null) {
      throw new IllegalArgumentException("record before the millésime line");
    }
    return millesime;
  }

  private static Zone zone(String s) {
    return switch (s) {
      case "metro" -> Zone.METRO;
      case "drom" -> Zone.DROM;
      case "com" -> Zone.COM;
      default -> throw new IllegalArgumentException("unknown zone " + s);
    };
  }

  private Optional<String> optional(String s) {
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  private List<String> list(String s) {
    if (s.isEmpty()) {
      return List.of();
    }
    int count = 1;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == ',') {
        count++;
      }
    }
    String[] items = new String[count];
    int k = 0;
    int from = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == ',') {
        items[k++] = intern(s.substring(from, i));
        from = i + 1;
      }
    }
    return Arrays.asList(items);
  }

  /** Shares equal strings (postal codes, département codes...) to keep the heap small. */
  private String intern(String s) {
    String existing = pool.putIfAbsent(s, s);
    return existing == null ? s : existing;
  }

  private static int split(String text, int start, int end, String[] out) {
    int n = 0;
    int from = start;
    while (n < out.length) {
      int tab = text.indexOf('\t', from);
      if (tab < 0 || tab > end) {
        out[n++] = text.substring(from, end);
        break;
      }
      out[n++] = text.substring(from, tab);
      from = tab + 1;
    }
    for (int i = n; i < out.length; i++) {
      out[i] = "";
    }
    return n;
  }
}
