package fr.socle.refdata.internal;

import fr.socle.core.SocleClientException;
import fr.socle.refdata.Arrondissement;
import fr.socle.refdata.ChefLieuRank;
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
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.GZIPInputStream;

/**
 * Reads the COG resource written by {@code tools/generate-cog.mjs} (format 3, described in {@code
 * tools/README.md}): gzip over a big-endian binary file, a string table first (each distinct string
 * once, index 0 the empty string meaning "absent", in two blocks), then the régions, départements,
 * arrondissements, EPCI, EPT and communes (in two blocks) referring to strings by index. Each pair
 * of blocks is decoded on two threads.
 *
 * <p>The load runs once, cold, before the JIT has compiled anything: the reader is plain array
 * indexing, no text splitting, no regex, no lambdas, and equal strings are shared by construction.
 */
public final class CogResource {
  /** The resource holding COG 2026. */
  public static final String EMBEDDED = "/fr/socle/refdata/internal/cog.bin.gz";

  private static final int FORMAT = 3;
  private static final byte[] MAGIC = "SOCLECOG".getBytes(StandardCharsets.US_ASCII);
  private static final long MAX_BYTES = 16L * 1024 * 1024;
  private static final Zone[] ZONES = {Zone.METRO, Zone.DROM, Zone.COM};
  private static final ChefLieuRank[] RANKS = {
    ChefLieuRank.NONE,
    ChefLieuRank.NONE, // 1 (canton) is not in the data since COG 2021
    ChefLieuRank.ARRONDISSEMENT,
    ChefLieuRank.DEPARTEMENT,
    ChefLieuRank.REGION
  };
  private static final CommuneType[] TYPES = {
    CommuneType.ACTUELLE,
    CommuneType.DELEGUEE,
    CommuneType.ASSOCIEE,
    CommuneType.ARRONDISSEMENT_MUNICIPAL
  };

  private final byte[] b;
  private int pos;
  private String[] strings;
  // One shared Optional per string index, created on first use: no Optional per record.
  private Optional<String>[] optionals;
  private Millesime millesime;

  private CogResource(byte[] bytes) {
    this.b = bytes;
  }

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
   * @throws IOException if reading fails (including a truncated gzip stream)
   * @throws SocleClientException if the content is not a COG resource of this format, is truncated
   *     or is corrupt
   */
  public static CogData load(InputStream gzipped) throws IOException {
    byte[] bytes;
    try (GZIPInputStream in = new GZIPInputStream(gzipped, 64 * 1024)) {
      bytes = in.readNBytes((int) MAX_BYTES + 1);
    }
    if (bytes.length > MAX_BYTES) {
      throw new SocleClientException("COG resource larger than " + MAX_BYTES + " bytes");
    }
    return new CogResource(bytes).parse();
  }

  private CogData parse() {
    if (b.length < MAGIC.length + 2 || !Arrays.equals(b, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new SocleClientException("not a COG resource (bad magic)");
    }
    pos = MAGIC.length;
    int format = u16();
    if (format != FORMAT) {
      throw new SocleClientException(
          "unsupported COG resource format " + format + ", expected " + FORMAT);
    }
    try {
      CogData data = records();
      if (pos != b.length) {
        throw new IllegalArgumentException((b.length - pos) + " trailing bytes");
      }
      return data;
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new SocleClientException(
          "corrupt COG resource: truncated or reference out of range near byte " + pos, e);
    } catch (RuntimeException e) {
      throw new SocleClientException("corrupt COG resource near byte " + pos, e);
    }
  }

  private CogData records() {
    readStrings();
    int year = i32();
    millesime = new Millesime(year, str().concat(" ").concat(str()));
    int n = u16();
    List<Region> regions = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      regions.add(new Region(str(), str(), str(), zone(), millesime));
    }
    n = u16();
    List<Departement> departements = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      departements.add(new Departement(str(), str(), str(), str(), zone(), millesime));
    }
    n = u16();
    List<Arrondissement> arrondissements = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      arrondissements.add(new Arrondissement(str(), str(), str(), str(), str(), millesime));
    }
    List<Epci> epcis = groupings();
    List<Epci> epts = groupings();
    List<Commune> communes = readCommunes();
    return new CogData(millesime, regions, departements, arrondissements, epcis, epts, communes);
  }

  private List<Epci> groupings() {
    int n = u16();
    List<Epci> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String siren = str();
      String nom = str();
      String type = str();
      String financing = str();
      long total = i32();
      long municipale = i32();
      String[] members = new String[u16()];
      for (int m = 0; m < members.length; m++) {
        members[m] = str();
      }
      out.add(
          new Epci(siren, nom, type, financing, total, municipale, List.of(members), millesime));
    }
    return out;
  }

  private Commune commune() {
    CommuneType type = TYPES[u8()];
    String code = str();
    String nom = str();
    String departement = str();
    String region = str();
    Zone zone = zone();
    String siren = str();
    int population = i32();
    List<String> postalCodes = list();
    List<String> formerCodes = list();
    Optional<String> parent = optional();
    Optional<String> epci = optional();
    Optional<String> arrondissement = optional();
    ChefLieuRank rank = RANKS[u8()];
    if (code.isEmpty() || nom.isEmpty()) {
      throw new IllegalArgumentException("commune without code or name");
    }
    return new Commune(
        code,
        nom,
        type,
        departement,
        region,
        zone,
        siren.isEmpty() ? Optional.empty() : Optional.of(siren),
        population < 0 ? OptionalInt.empty() : OptionalInt.of(population),
        postalCodes,
        formerCodes,
        parent,
        epci,
        arrondissement,
        rank,
        millesime);
  }

  private Optional<String> optional() {
    int i = i32();
    Optional<String> o = optionals[i];
    if (o == null) {
      String v = strings[i];
      // Racy but harmless: two threads may each create an equal Optional.
      o = v.isEmpty() ? Optional.empty() : Optional.of(v);
      optionals[i] = o;
    }
    return o;
  }

  /**
   * Reads the string table, two blocks decoded on two threads: the load runs before the JIT has
   * compiled anything, and the second core halves the time spent here.
   */
  private void readStrings() {
    int count1 = i32();
    int length1 = i32();
    int second = pos + length1;
    CogResource other = new CogResource(b);
    other.pos = second;
    int count2 = other.i32();
    int length2 = other.i32();
    if (count1 < 1 || count2 < 0 || count1 > b.length || count2 > b.length || length1 < 0) {
      throw new IllegalArgumentException("implausible string table");
    }
    String[] table = new String[count1 + count2];
    Worker worker = new Worker(other, table, count1, count2, other.pos + length2, null);
    worker.start();
    decodeStrings(table, 0, count1, second);
    join(worker);
    if (!table[0].isEmpty()) {
      throw new IllegalArgumentException("string 0 must be empty");
    }
    strings = table;
    @SuppressWarnings("unchecked") // an array of Optional<?> only ever holding Optional<String>
    Optional<String>[] opts = (Optional<String>[]) new Optional<?>[table.length];
    optionals = opts;
    pos = other.pos;
  }

  private void decodeStrings(String[] table, int from, int count, int limit) {
    for (int i = from; i < from + count; i++) {
      int len = u16();
      boolean utf8 = (len & 0x8000) != 0;
      len &= 0x7FFF;
      if (pos + len > limit) {
        throw new ArrayIndexOutOfBoundsException("string past the end of its block");
      }
      // ASCII strings are a plain copy; only names with accents go through the UTF-8 decoder.
      table[i] =
          new String(b, pos, len, utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
      pos += len;
    }
    if (pos != limit) {
      throw new IllegalArgumentException("string block length mismatch");
    }
  }

  /** Reads the two commune blocks on two threads, keeping the file's order. */
  private List<Commune> readCommunes() {
    int count1 = i32();
    int length1 = i32();
    int second = pos + length1;
    CogResource other = new CogResource(b);
    other.pos = second;
    other.strings = strings;
    other.optionals = optionals;
    other.millesime = millesime;
    int count2 = other.i32();
    int length2 = other.i32();
    if (count1 < 1 || count2 < 0 || count1 > b.length || count2 > b.length || length1 < 0) {
      throw new IllegalArgumentException("implausible commune count");
    }
    Commune[] out = new Commune[count1 + count2];
    Worker worker = new Worker(other, null, count1, count2, other.pos + length2, out);
    worker.start();
    for (int i = 0; i < count1; i++) {
      out[i] = commune();
    }
    if (pos != second) {
      throw new IllegalArgumentException("commune block length mismatch");
    }
    join(worker);
    if (other.pos != worker.limit) {
      throw new IllegalArgumentException("commune block length mismatch");
    }
    pos = other.pos;
    return Arrays.asList(out);
  }

  private static void join(Worker worker) {
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SocleClientException("interrupted while loading the COG resource", e);
    }
    if (worker.failure instanceof Error error) {
      throw error;
    }
    if (worker.failure != null) {
      throw (RuntimeException) worker.failure;
    }
  }

  /** Decodes the second block of strings or of communes (a named class: no lambda bootstrap). */
  private static final class Worker extends Thread {
    private final CogResource reader;
    private final String[] table;
    private final int from;
    private final int count;
    private final int limit;
    private final Commune[] communes;
    Throwable failure; // read after join()

    Worker(CogResource reader, String[] table, int from, int count, int limit, Commune[] communes) {
      super("socle-refdata-load");
      setDaemon(true);
      this.reader = reader;
      this.table = table;
      this.from = from;
      this.count = count;
      this.limit = limit;
      this.communes = communes;
    }

    @Override
    public void run() {
      try {
        if (table != null) {
          reader.decodeStrings(table, from, count, limit);
        } else {
          for (int i = from; i < from + count; i++) {
            communes[i] = reader.commune();
          }
        }
      } catch (RuntimeException | Error e) {
        failure = e;
      }
    }
  }

  private List<String> list() {
    int n = u8();
    if (n == 0) {
      return List.of();
    }
    String[] items = new String[n];
    for (int i = 0; i < n; i++) {
      items[i] = str();
    }
    return List.of(items);
  }

  private Zone zone() {
    return ZONES[u8()];
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
