package fr.socle.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.SocleClientException;
import fr.socle.payment.PaymentListener;
import fr.socle.payment.payfip.PayfipClient;
import fr.socle.payment.spi.InMemoryPaymentLedger;
import fr.socle.payment.spi.PaymentLedger;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciler on a scheduler it is given: what it schedules, and that a failed run is contained.
 */
class ReconcilerTest {
  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

  private final PayfipClient client =
      PayfipClient.builder()
          .endpoint(URI.create("http://localhost:1/ws"))
          .paymentPage(URI.create("http://localhost:1/page"))
          .build();

  /** Records what is scheduled instead of running it: the test runs the task itself. */
  private static final class RecordingScheduler extends ScheduledThreadPoolExecutor {
    final List<Runnable> tasks = new ArrayList<>();
    final List<Long> delaysMillis = new ArrayList<>();

    RecordingScheduler() {
      super(1);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(
        Runnable command, long initialDelay, long delay, TimeUnit unit) {
      tasks.add(command);
      delaysMillis.add(unit.toMillis(initialDelay));
      delaysMillis.add(unit.toMillis(delay));
      return null;
    }
  }

  private final RecordingScheduler scheduler = new RecordingScheduler();

  @AfterEach
  void tearDown() {
    scheduler.shutdownNow();
    client.close();
  }

  private Reconciler reconciler(PaymentLedger ledger) {
    PaymentListener listener = p -> {};
    FulfilmentCoordinator coordinator =
        new FulfilmentCoordinator(
            ledger,
            listener,
            Duration.ofMinutes(10),
            () -> T0,
            new FulfilmentRecorder(ledger, Duration.ZERO, "test", () -> T0));
    RecheckPolicy recheck = new RecheckPolicy(Duration.ofMinutes(5), Duration.ofDays(7));
    PaymentSettler settler =
        new PaymentSettler(client, ledger, coordinator, Duration.ofMinutes(20), recheck, () -> T0);
    return new Reconciler(
        "090909",
        ledger,
        settler,
        coordinator,
        Duration.ofMinutes(5),
        500,
        Duration.ofMinutes(5),
        () -> T0);
  }

  @Test
  void scheduleOn_usesTheGivenSchedulerAtAFixedDelay() {
    reconciler(new InMemoryPaymentLedger()).scheduleOn(scheduler, Duration.ofMinutes(10));

    assertThat(scheduler.tasks).hasSize(1);
    assertThat(scheduler.delaysMillis).containsExactly(600_000L, 600_000L);
    assertThatCode(() -> scheduler.tasks.get(0).run()).doesNotThrowAnyException();
  }

  @Test
  void scheduledRun_whenTheLedgerFails_isContainedAndTheNextRunTriesAgain() {
    AtomicInteger calls = new AtomicInteger();
    PaymentLedger broken =
        (PaymentLedger)
            Proxy.newProxyInstance(
                PaymentLedger.class.getClassLoader(),
                new Class<?>[] {PaymentLedger.class},
                (proxy, method, args) -> {
                  if (method.getDeclaringClass() == Object.class) {
                    return method.getName().equals("toString") ? "broken" : null;
                  }
                  calls.incrementAndGet();
                  throw new SocleClientException("ledger down");
                });
    Reconciler reconciler = reconciler(broken);
    reconciler.scheduleOn(scheduler, Duration.ofMinutes(1));

    assertThatThrownBy(reconciler::run).isInstanceOf(SocleClientException.class);
    Runnable task = scheduler.tasks.get(0);
    assertThatCode(task::run).doesNotThrowAnyException();
    assertThatCode(task::run).doesNotThrowAnyException();
    assertThat(calls).hasValue(3);
  }
}
