package fr.socle.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} whose time is set and advanced by hand, for tests.
 *
 * <p>Every Socle client takes its time from a {@code java.time.Clock} given to its builder ({@code
 * .clock(clock)}, default {@link Clock#systemUTC()}); none calls {@code Instant.now()} directly.
 * That is the injection point: expiry of a login transaction, of a PayFiP operation, of a retention
 * period can all be tested by handing the same {@code TestClock} to the code under test and to the
 * simulator, and moving it forward. The clock never moves by itself.
 *
 * <pre>{@code
 * TestClock clock = TestClock.at(Instant.parse("2026-01-15T10:00:00Z"));
 * clock.advance(Duration.ofMinutes(16));
 * }</pre>
 *
 * <p>Thread-safe: every view made by {@link #withZone(ZoneId)} shares the same time.
 */
public final class TestClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private TestClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /**
   * Creates a clock stopped at the given instant, in UTC.
   *
   * @param instant the initial time
   * @return the clock
   * @throws NullPointerException if {@code instant} is null
   */
  public static TestClock at(Instant instant) {
    return new TestClock(
        new AtomicReference<>(Objects.requireNonNull(instant, "instant")), ZoneOffset.UTC);
  }

  /**
   * Creates a clock stopped at the current system time, in UTC: for tests against a peer that
   * judges times by its own system clock.
   *
   * @return the clock
   */
  public static TestClock atSystemTime() {
    return at(Instant.now());
  }

  /**
   * Moves the clock forward (or backward, with a negative duration).
   *
   * @param duration how much to move
   * @return the new current instant
   * @throws NullPointerException if {@code duration} is null
   */
  public Instant advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    return now.updateAndGet(i -> i.plus(duration));
  }

  /**
   * Sets the clock to an instant.
   *
   * @param instant the new current time
   * @throws NullPointerException if {@code instant} is null
   */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /**
   * Returns a view in another zone that shares this clock's time: moving either moves both.
   *
   * @param zone the zone of the view
   * @return the view
   */
  @Override
  public Clock withZone(ZoneId zone) {
    return new TestClock(now, Objects.requireNonNull(zone, "zone"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public String toString() {
    return "TestClock[" + now.get() + ", " + zone + "]";
  }
}
