package fr.socle.testkit.payfip;

import fr.socle.core.SocleException;
import fr.socle.core.SocleTimeoutException;
import fr.socle.core.http.HttpRequest;
import fr.socle.core.http.HttpResponse;
import fr.socle.core.http.HttpTransport;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the merchant's {@code urlnotif} with the operation id only, no result and no signature, as
 * the real service does (spec §1.7), and misbehaves on demand.
 */
final class Notifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);
  static final String DEFAULT_PARAMETER = "idop";
  private static final int LOG_CAPACITY = 10_000;

  private final Clock clock;
  private final MisbehaviourBoard board;
  private final HttpTransport http;
  private final ExecutorService senders;
  private final ScheduledExecutorService scheduler;
  private final ArrayDeque<NotificationAttempt> attempts = new ArrayDeque<>();

  Notifier(Clock clock, MisbehaviourBoard board) {
    this.clock = clock;
    this.board = board;
    this.http =
        HttpTransport.builder()
            .applicationName("payfip-simulator")
            .connectTimeout(Duration.ofSeconds(5))
            .responseTimeout(Duration.ofSeconds(10))
            .maxResponseBytes(64 * 1024)
            .maxRetries(0)
            .maxConnections(256)
            .build();
    this.senders = Executors.newCachedThreadPool(PayfipSimulator.daemon("payfip-sim-notify"));
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(PayfipSimulator.daemon("payfip-sim-delay"));
  }

  /**
   * Notifies the operation's urlnotif as the active misbehaviours say.
   *
   * @return the attempts made before returning (none if dropped or delayed)
   */
  List<NotificationAttempt> notify(Operation op) {
    if (board.take(Misbehaviour.Kind.DROP_NOTIFICATION).isPresent()) {
      log.debug("PayFiP simulator: notification for {} dropped on demand", op.idOp);
      return List.of();
    }
    String parameter =
        board
            .take(Misbehaviour.Kind.NOTIFICATION_PARAMETER)
            .map(Misbehaviour::parameterName)
            .orElse(DEFAULT_PARAMETER);
    boolean byGet = board.take(Misbehaviour.Kind.NOTIFICATION_BY_GET).isPresent();
    int copies =
        board.take(Misbehaviour.Kind.DUPLICATE_NOTIFICATION).map(Misbehaviour::copies).orElse(1);
    Optional<Misbehaviour> delay = board.take(Misbehaviour.Kind.DELAY_NOTIFICATION);
    if (delay.isPresent()) {
      scheduler.schedule(
          () -> sendCopies(op, parameter, byGet, copies),
          delay.get().delay().toMillis(),
          TimeUnit.MILLISECONDS);
      return List.of();
    }
    return sendCopies(op, parameter, byGet, copies);
  }

  private List<NotificationAttempt> sendCopies(
      Operation op, String parameter, boolean byGet, int copies) {
    if (copies == 1) {
      return List.of(send(op, parameter, byGet));
    }
    // All copies are released at once, as a burst of retries from several front ends would be.
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<NotificationAttempt>> futures = new ArrayList<>(copies);
    for (int i = 0; i < copies; i++) {
      futures.add(
          senders.submit(
              () -> {
                gate.await();
                return send(op, parameter, byGet);
              }));
    }
    gate.countDown();
    List<NotificationAttempt> sent = new ArrayList<>(copies);
    for (Future<NotificationAttempt> f : futures) {
      try {
        sent.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException e) {
        log.debug("PayFiP simulator: a notification copy failed", e.getCause());
      }
    }
    return sent;
  }

  private NotificationAttempt send(Operation op, String parameter, boolean byGet) {
    String encoded = URLEncoder.encode(op.idOp, StandardCharsets.UTF_8);
    URI target;
    HttpRequest request;
    if (byGet) {
      String separator = op.urlnotif.contains("?") ? "&" : "?";
      target = URI.create(op.urlnotif + separator + parameter + "=" + encoded);
      request = HttpRequest.get(target).idempotent(false).build();
    } else {
      target = URI.create(op.urlnotif);
      request = HttpRequest.post(target).form(Map.of(parameter, op.idOp)).build();
    }
    NotificationAttempt attempt;
    try {
      HttpResponse response = http.execute(request);
      attempt =
          new NotificationAttempt(
              op.idOp,
              request.method(),
              parameter,
              target,
              clock.instant(),
              OptionalInt.of(response.status()),
              Optional.empty());
    } catch (SocleException | IllegalArgumentException e) {
      attempt =
          new NotificationAttempt(
              op.idOp,
              request.method(),
              parameter,
              target,
              clock.instant(),
              OptionalInt.empty(),
              Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
    record(attempt);
    return attempt;
  }

  private void record(NotificationAttempt attempt) {
    synchronized (attempts) {
      if (attempts.size() == LOG_CAPACITY) {
        attempts.removeFirst();
      }
      attempts.addLast(attempt);
      attempts.notifyAll();
    }
  }

  List<NotificationAttempt> attempts() {
    synchronized (attempts) {
      return List.copyOf(attempts);
    }
  }

  void clear() {
    synchronized (attempts) {
      attempts.clear();
    }
  }

  List<NotificationAttempt> await(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (attempts) {
      while (attempts.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new SocleTimeoutException(
              "expected "
                  + count
                  + " notification(s) within "
                  + timeout
                  + ", got "
                  + attempts.size(),
              null);
        }
        TimeUnit.NANOSECONDS.timedWait(attempts, left);
      }
      return List.copyOf(attempts);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    senders.shutdownNow();
    http.close();
  }
}
