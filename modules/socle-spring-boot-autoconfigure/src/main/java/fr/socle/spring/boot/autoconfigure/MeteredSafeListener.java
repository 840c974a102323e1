package fr.socle.spring.boot.autoconfigure;

import fr.socle.storage.SafeListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;

/**
 * The document safe's metrics: deposits and reads as distribution summaries of their size in bytes
 * (their count is the number of operations), destructions, and integrity failures by the operation
 * that detected them. No document id, container, tenant or name in any tag.
 */
final class MeteredSafeListener implements SafeListener {

  private static final Set<String> OPERATIONS =
      Set.of("read", "verify", "verifyJournal", "metadata", "destroy", "rewrap", "other");

  private final MeterRegistry registry;
  private final DistributionSummary deposits;
  private final DistributionSummary reads;
  private final Counter destructions;

  MeteredSafeListener(MeterRegistry registry) {
    this.registry = registry;
    this.deposits =
        DistributionSummary.builder(SocleMetricsAutoConfiguration.STORAGE_DEPOSITS)
            .description("Documents deposited in the safe, by plaintext size")
            .baseUnit("bytes")
            .register(registry);
    this.reads =
        DistributionSummary.builder(SocleMetricsAutoConfiguration.STORAGE_READS)
            .description("Documents read from the safe and verified, by plaintext size")
            .baseUnit("bytes")
            .register(registry);
    this.destructions =
        Counter.builder(SocleMetricsAutoConfiguration.STORAGE_DESTRUCTIONS)
            .description("Document versions destroyed")
            .register(registry);
  }

  @Override
  public void onDeposit(long bytes) {
    deposits.record(bytes);
  }

  @Override
  public void onRead(long bytes) {
    reads.record(bytes);
  }

  @Override
  public void onDestroy() {
    destructions.increment();
  }

  @Override
  public void onIntegrityFailure(String operation) {
    // The tag takes a value from a closed set, whatever a future caller passes.
    String tag = OPERATIONS.contains(operation) ? operation : "other";
    Counter.builder(SocleMetricsAutoConfiguration.STORAGE_INTEGRITY_FAILURES)
        .description("Tampering or corruption detected by the safe")
        .tag("operation", tag)
        .register(registry)
        .increment();
  }
}
