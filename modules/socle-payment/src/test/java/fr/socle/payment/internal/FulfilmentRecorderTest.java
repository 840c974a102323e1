package fr.socle.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.SocleClientException;
import fr.socle.payment.spi.FulfilmentRecord;
import fr.socle.payment.spi.PaymentLedger;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class FulfilmentRecorderTest {
  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
  private static final Instant LEASE_END = T0.plus(Duration.ofMinutes(10));

  /** A ledger that only records completions: what the recorder calls, and how. */
  private static final class Ledger {
    final List<List<FulfilmentRecord>> batches = new CopyOnWriteArrayList<>();
    final List<String> synchronous = new CopyOnWriteArrayList<>();
    final Set<String> recorded = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final AtomicInteger failuresLeft = new AtomicInteger();
    volatile CountDownLatch blockBatches;

    PaymentLedger proxy() {
      return (PaymentLedger)
          Proxy.newProxyInstance(
              PaymentLedger.class.getClassLoader(),
              new Class<?>[] {PaymentLedger.class},
              (self, method, args) -> {
                switch (method.getName()) {
                  case "completeFulfilments":
                    if (blockBatches != null) {
                      blockBatches.await(10, TimeUnit.SECONDS);
                    }
                    if (failuresLeft.getAndDecrement() > 0) {
                      throw new SocleClientException("payment ledger down (SQL state 08006)");
                    }
                    @SuppressWarnings("unchecked")
                    List<FulfilmentRecord> records = (List<FulfilmentRecord>) args[0];
                    batches.add(List.copyOf(records));
                    Set<String> out = new HashSet<>();
                    for (FulfilmentRecord r : records) {
                      if (recorded.add(r.idOp())) {
                        out.add(r.idOp());
                      }
                    }
                    return out;
                  case "completeFulfilment":
                    synchronous.add((String) args[0]);
                    return recorded.add((String) args[0]);
                  case "toString":
                    return "test ledger";
                  default:
                    throw new UnsupportedOperationException(method.getName());
                }
              });
    }
  }

  private static FulfilmentRecord record(int i) {
    return new FulfilmentRecord("op-" + i, "claim-" + i, T0);
  }

  private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition still false after 10 s").isLessThan(end);
      Thread.sleep(5);
    }
  }

  @Test
  void record_withADelay_writesTheRecordsThatArriveTogetherInOneCall() throws Exception {
    Ledger ledger = new Ledger();
    try (FulfilmentRecorder recorder =
        new FulfilmentRecorder(ledger.proxy(), Duration.ofSeconds(1), "t", () -> T0)) {
      for (int i = 0; i < 50; i++) {
        recorder.record(record(i), LEASE_END);
      }
      assertThat(ledger.recorded).as("nothing written before the delay").isEmpty();

      waitUntil(() -> ledger.recorded.size() == 50);
      assertThat(ledger.batches).hasSize(1);
      assertThat(ledger.batches.get(0)).hasSize(50);
      assertThat(ledger.synchronous).isEmpty();
    }
  }

  @Test
  void record_withZeroDelay_writesBeforeReturning() {
    Ledger ledger = new Ledger();
    try (FulfilmentRecorder recorder =
        new FulfilmentRecorder(ledger.proxy(), Duration.ZERO, "t", () -> T0)) {
      recorder.record(record(1), LEASE_END);

      assertThat(ledger.synchronous).containsExactly("op-1");
      assertThat(ledger.batches).isEmpty();
    }
  }

  @Test
  void record_withZeroDelay_whenTheLedgerFails_throws() {
    PaymentLedger failing =
        (PaymentLedger)
            Proxy.newProxyInstance(
                PaymentLedger.class.getClassLoader(),
                new Class<?>[] {PaymentLedger.class},
                (self, method, args) -> {
                  throw new SocleClientException("payment ledger down (SQL state 08006)");
                });
    try (FulfilmentRecorder recorder =
        new FulfilmentRecorder(failing, Duration.ZERO, "t", () -> T0)) {
      assertThatThrownBy(() -> recorder.record(record(1), LEASE_END))
          .isInstanceOf(SocleClientException.class);
    }
  }

  @Test
  void close_writesWhatWaits() {
    Ledger ledger = new Ledger();
    FulfilmentRecorder recorder =
        new FulfilmentRecorder(ledger.proxy(), Duration.ofSeconds(1), "t", () -> T0);
    recorder.record(record(1), LEASE_END);
    recorder.record(record(2), LEASE_END);

    recorder.close();

    assertThat(ledger.recorded).containsExactlyInAnyOrder("op-1", "op-2");
    // after close, records are written synchronously
    recorder.record(record(3), LEASE_END);
    assertThat(ledger.synchronous).containsExactly("op-3");
  }

  @Test
  void flush_writesWhatWaitsInTheCallingThread() {
    Ledger ledger = new Ledger();
    try (FulfilmentRecorder recorder =
        new FulfilmentRecorder(ledger.proxy(), Duration.ofSeconds(1), "t", () -> T0)) {
      recorder.record(record(1), LEASE_END);

      recorder.flush();

      assertThat(ledger.recorded).containsExactly("op-1");
    }
  }

  @Test
  void write_whenTheLedgerFails_retriesTheRecordsWhoseLeaseHasNotEnded() throws Exception {
    Ledger ledger = new Ledger();
    ledger.failuresLeft.set(1);
    try (FulfilmentRecorder recorder =
        new FulfilmentRecorder(ledger.proxy(), Duration.ofMillis(20), "t", () -> T0)) {
      recorder.record(record(1), LEASE_END);
      // this claim has already expired: another node may run the listener, so the record is
      // not retried (writing it later would not prevent that call)
      recorder.record(record(2), T0);

      waitUntil(() -> ledger.recorded.contains("op-1"));
      assertThat(ledger.recorded).containsExactly("op-1");
      assertThat(ledger.failuresLeft.get()).isNegative();
    }
  }

  @Test
  void record_whenTooManyRecordsWait_writesSynchronously() throws Exception {
    Ledger ledger = new Ledger();
    ledger.blockBatches = new CountDownLatch(1); // the database hangs
    try (FulfilmentRecorder recorder =
        new FulfilmentRecorder(ledger.proxy(), Duration.ofMillis(1), "t", () -> T0)) {
      int i = 0;
      while (ledger.synchronous.isEmpty()) {
        recorder.record(record(i++), LEASE_END);
        assertThat(i)
            .as("memory is bounded")
            .isLessThanOrEqualTo(FulfilmentRecorder.MAX_WAITING + FulfilmentRecorder.MAX_WRITE + 1);
      }
      ledger.blockBatches.countDown();
      final int total = i;
      waitUntil(() -> ledger.recorded.size() == total);
    }
  }
}
