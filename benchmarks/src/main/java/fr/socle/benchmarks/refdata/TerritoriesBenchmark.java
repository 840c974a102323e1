package fr.socle.benchmarks.refdata;

import fr.socle.refdata.Commune;
import fr.socle.refdata.CommuneInYear;
import fr.socle.refdata.CommuneType;
import fr.socle.refdata.Territories;
import java.text.Normalizer;
import java.time.Year;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Lookups and search in the embedded COG, against the baselines of docs/baselines.md measured in
 * the same run: C1 (a plain {@code HashMap.get} over the same codes) and C2 (a linear scan over the
 * same names, folded once at load, top 10 by population).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TerritoriesBenchmark -f 2 -wi 5 -w 3s
 * -i 5 -r 3s -t 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TerritoriesBenchmark {
  private static final Pattern MARKS = Pattern.compile("\\p{M}");

  private Territories territories;
  private String[] codes;
  private String[] postalCodes;
  private Map<String, Commune> baselineMap;
  private String[] foldedNames;
  private int[] populations;
  private Commune[] entries;
  private int next;

  @Setup
  public void setup() {
    territories = Territories.embedded();
    Random random = new Random(42);
    List<String> c = new ArrayList<>();
    baselineMap = new HashMap<>();
    for (Commune commune : territories.communes()) {
      c.add(commune.code());
      baselineMap.put(commune.code(), commune);
    }
    Collections.shuffle(c, random);
    codes = distinctInstances(c);
    List<String> p = new ArrayList<>();
    for (Commune commune : territories.communes()) {
      for (String cp : commune.postalCodes()) {
        if (!p.contains(cp)) {
          p.add(cp);
        }
      }
    }
    Collections.shuffle(p, random);
    postalCodes = distinctInstances(p);

    // Baseline C2: every entry the search covers (all types), names folded once at load.
    List<Commune> all = new ArrayList<>();
    for (CommuneType t : CommuneType.values()) {
      all.addAll(territories.communes(t));
    }
    entries = all.toArray(new Commune[0]);
    foldedNames = new String[entries.length];
    populations = new int[entries.length];
    for (int i = 0; i < entries.length; i++) {
      foldedNames[i] = fold(entries[i].nom());
      populations[i] = entries[i].population().orElse(-1);
    }
    if (!territories.search("sain", 10).equals(linearScan("sain"))) {
      throw new IllegalStateException("search and baseline disagree");
    }
    if (!territories.search("Marseile", 10).get(0).code().equals("13055")
        || territories.communeIn("Pierrefitte-sur-Seine", BIRTH_YEAR).isEmpty()) {
      throw new IllegalStateException("typo search or history lookup does not find its commune");
    }
  }

  // Separate String instances, hash cached, as a caller's input would be.
  private static String[] distinctInstances(List<String> values) {
    String[] out = new String[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new String(values.get(i).toCharArray());
      out[i].hashCode();
    }
    return out;
  }

  private static String fold(String s) {
    return MARKS
        .matcher(Normalizer.normalize(s, Normalizer.Form.NFD))
        .replaceAll("")
        .toLowerCase(Locale.ROOT);
  }

  @Benchmark
  public Optional<Commune> communeByCode() {
    int i = next++;
    if (next == codes.length) {
      next = 0;
    }
    return territories.commune(codes[i]);
  }

  @Benchmark
  public Commune baselineC1HashMapGet() {
    int i = next++;
    if (next == codes.length) {
      next = 0;
    }
    return baselineMap.get(codes[i]);
  }

  @Benchmark
  public List<Commune> communesByPostalCode() {
    int i = next++;
    if (next >= postalCodes.length) {
      next = 0;
    }
    return territories.communesByPostalCode(postalCodes[i]);
  }

  @Benchmark
  public List<Commune> searchSain() {
    return territories.search("sain", 10);
  }

  /** A whole name typed in full: the exact tier, then the prefix tier. */
  @Benchmark
  public List<Commune> searchExactSaintPierre() {
    return territories.search("Saint-Pierre", 10);
  }

  /** One slip in a long name: no prefix match, the typo tier scans the names starting "ma". */
  @Benchmark
  public List<Commune> searchTypoMarseile() {
    return territories.search("Marseile", 10);
  }

  /** A postal code typed in the search box (also the former code of Bry-sur-Marne). */
  @Benchmark
  public List<Commune> searchPostalCode75015() {
    return territories.search("75015", 10);
  }

  /** A birth commune by name as it was in 1990 (history loaded in the setup). */
  @Benchmark
  public List<CommuneInYear> communeInPierrefitte1990() {
    return territories.communeIn("Pierrefitte-sur-Seine", BIRTH_YEAR);
  }

  private static final Year BIRTH_YEAR = Year.of(1990);

  @Benchmark
  public List<Commune> baselineC2LinearScanSain() {
    return linearScan("sain");
  }

  private List<Commune> linearScan(String query) {
    String prefix = fold(query);
    List<Integer> hits = new ArrayList<>();
    for (int i = 0; i < foldedNames.length; i++) {
      if (foldedNames[i].startsWith(prefix)) {
        hits.add(i);
      }
    }
    hits.sort(
        (a, b) -> {
          int c = Integer.compare(populations[b], populations[a]);
          return c != 0 ? c : foldedNames[a].compareTo(foldedNames[b]);
        });
    List<Commune> out = new ArrayList<>(10);
    for (int i = 0; i < Math.min(10, hits.size()); i++) {
      out.add(entries[hits.get(i)]);
    }
    return out;
  }
}
