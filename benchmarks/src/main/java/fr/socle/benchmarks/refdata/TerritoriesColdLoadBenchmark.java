package fr.socle.benchmarks.refdata;

import fr.socle.refdata.Territories;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cold load: the first {@link Territories#embedded()} call of a fresh JVM (read the gzip resource,
 * parse, build the maps and the search index), one shot per fork, no warm-up: what an application
 * pays at its first lookup.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TerritoriesColdLoadBenchmark}
 * (defaults: 10 forks of one shot each).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(10)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class TerritoriesColdLoadBenchmark {

  @Benchmark
  public Territories coldLoad() {
    return Territories.embedded();
  }
}
