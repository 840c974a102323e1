package fr.socle.testkit.payfip;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The operations of the simulated service, with the lifetime rules of the real one (spec §1.7): the
 * payment page opens for 15 minutes after creation; an operation that never got a result is
 * forgotten by the nightly purge (then P1); a result stays readable for about a year.
 */
final class OperationStore {
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final Duration PAGE_LIFETIME = Duration.ofMinutes(15);
  static final Duration RESULT_RETENTION = Duration.ofDays(365);

  /** 100-ns intervals between the UUID epoch (1582-10-15) and the Unix epoch. */
  private static final long UUID_EPOCH_OFFSET = 0x01B21DD213814000L;

  private final Clock clock;
  private final LocalTime purgeTime;
  private static final String ALPHANUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Operation> operations = new ConcurrentHashMap<>();
  private final AtomicLong lastTimestamp = new AtomicLong();
  private final long node;
  private final int clockSequence;
  private volatile Instant nextSweep;

  OperationStore(Clock clock, LocalTime purgeTime) {
    this.clock = clock;
    this.purgeTime = purgeTime;
    // A random node id has the multicast bit set (RFC 4122 §4.5), so it never collides with a MAC.
    this.node = (random.nextLong() & 0xFFFF_FFFF_FFFFL) | 0x0100_0000_0000L;
    this.clockSequence = random.nextInt(0x4000);
    this.nextSweep = nextPurgeAfter(clock.instant());
  }

  Instant now() {
    return clock.instant();
  }

  Operation create(
      String numcli,
      String exer,
      String refdet,
      String objet,
      long montant,
      String mel,
      String urlnotif,
      String urlredirect,
      String saisie) {
    Instant now = clock.instant();
    sweepIfDue(now);
    String idOp = newIdOp(now);
    Operation op =
        new Operation(
            idOp, numcli, exer, refdet, objet, montant, mel, urlnotif, urlredirect, saisie, now);
    operations.put(idOp, op);
    return op;
  }

  /** Returns the operation unless unknown or purged: what the service still knows at this time. */
  Optional<Operation> find(String idOp) {
    if (idOp == null) {
      return Optional.empty();
    }
    Operation op = operations.get(idOp);
    if (op == null) {
      return Optional.empty();
    }
    if (purged(op, clock.instant())) {
      operations.remove(idOp, op);
      return Optional.empty();
    }
    return Optional.of(op);
  }

  boolean pageExpired(Operation op) {
    return !clock.instant().isBefore(op.createdAt.plus(PAGE_LIFETIME));
  }

  private boolean purged(Operation op, Instant now) {
    Optional<Instant> resultAt = op.resultAt();
    if (resultAt.isPresent()) {
      return !now.isBefore(resultAt.get().plus(RESULT_RETENTION));
    }
    return !now.isBefore(nextPurgeAfter(op.createdAt));
  }

  private void sweepIfDue(Instant now) {
    if (now.isBefore(nextSweep)) {
      return;
    }
    nextSweep = nextPurgeAfter(now);
    operations.values().removeIf(op -> purged(op, now));
  }

  /** The first nightly purge strictly after the given instant. */
  Instant nextPurgeAfter(Instant instant) {
    ZonedDateTime local = instant.atZone(PARIS);
    ZonedDateTime purge = local.toLocalDate().atTime(purgeTime).atZone(PARIS);
    if (!purge.toInstant().isAfter(instant)) {
      purge = local.toLocalDate().plusDays(1).atTime(purgeTime).atZone(PARIS);
    }
    return purge.toInstant();
  }

  /**
   * A time-based (version 1) UUID like the real service's ({@code
   * 6475fa10-b338-11e2-a082-001fe256bdfe}), unique within this simulator even when the clock stands
   * still.
   */
  private String newIdOp(Instant now) {
    long ticks = UUID_EPOCH_OFFSET + now.getEpochSecond() * 10_000_000L + now.getNano() / 100;
    long ts = lastTimestamp.updateAndGet(last -> Math.max(last + 1, ticks));
    long timeLow = ts & 0xFFFF_FFFFL;
    long timeMid = (ts >>> 32) & 0xFFFFL;
    long timeHi = ((ts >>> 48) & 0x0FFFL) | 0x1000L;
    long msb = (timeLow << 32) | (timeMid << 16) | timeHi;
    long lsb = ((0x8000L | clockSequence) << 48) | node;
    return new UUID(msb, lsb).toString();
  }

  /** A six-character authorisation number, as the card network returns for a paid operation. */
  String authorisationNumber() {
    char[] c = new char[6];
    for (int i = 0; i < c.length; i++) {
      c[i] = ALPHANUM.charAt(random.nextInt(ALPHANUM.length()));
    }
    return new String(c);
  }
}
