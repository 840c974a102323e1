package fr.socle.testkit.payfip;

import fr.socle.core.InvalidInputException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A way the simulated PayFiP service misbehaves on demand, as the real one does in production:
 * notifications that never come, come late, come twice or in another shape, and a SOAP endpoint
 * that is slow, hidden behind a failing proxy or drops the connection.
 *
 * <p>Hand one to {@link PayfipSimulator#misbehave(Misbehaviour...)}. It stays active until {@link
 * PayfipSimulator#behave()} unless limited with {@link #times(int)}. Notification misbehaviours
 * combine (for example duplicated <em>and</em> sent by GET); for the SOAP endpoint the first active
 * one in this order applies: connection reset, 502, technical fault, then slowness (which delays
 * the answer, whatever it is).
 *
 * <pre>{@code
 * simulator.misbehave(Misbehaviour.dropNotification());
 * simulator.misbehave(Misbehaviour.badGateway().times(1));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Misbehaviour {

  /** The kinds of misbehaviour. */
  public enum Kind {
    /** The notification to {@code urlnotif} is never sent. */
    DROP_NOTIFICATION,
    /** The notification is sent after a delay, after the browser has been redirected. */
    DELAY_NOTIFICATION,
    /** The notification is sent several times at once, concurrently. */
    DUPLICATE_NOTIFICATION,
    /** The operation id is carried by another parameter name ({@code idOp}, {@code IdOp}...). */
    NOTIFICATION_PARAMETER,
    /** The notification is a GET with the operation id in the query string instead of a POST. */
    NOTIFICATION_BY_GET,
    /** The SOAP endpoint answers after a delay. */
    SLOW_SOAP,
    /** A proxy in front of the SOAP endpoint answers 502 with an HTML page, no SOAP envelope. */
    BAD_GATEWAY,
    /** The SOAP endpoint reads the request and drops the connection without answering. */
    CONNECTION_RESET,
    /** The SOAP endpoint answers a technical fault of one of the three families. */
    TECHNICAL_FAULT
  }

  private final Kind kind;
  private final Duration delay;
  private final int copies;
  private final String parameterName;
  private final TechnicalFault fault;
  private final int times;

  private Misbehaviour(
      Kind kind,
      Duration delay,
      int copies,
      String parameterName,
      TechnicalFault fault,
      int times) {
    this.kind = kind;
    this.delay = delay;
    this.copies = copies;
    this.parameterName = parameterName;
    this.fault = fault;
    this.times = times;
  }

  private static Misbehaviour of(Kind kind) {
    return new Misbehaviour(kind, null, 1, null, null, 0);
  }

  /**
   * The notification is never sent; only the browser comes back, or not even that. This is what
   * integrators observed in the PayFiP test environment (spec §1.7).
   *
   * @return the misbehaviour
   */
  public static Misbehaviour dropNotification() {
    return of(Kind.DROP_NOTIFICATION);
  }

  /**
   * The notification is sent {@code delay} after the payer's choice (real time), so the browser
   * comes back first.
   *
   * @param delay how long to wait; positive
   * @return the misbehaviour
   * @throws InvalidInputException if the delay is not positive
   */
  public static Misbehaviour delayNotification(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative() || delay.isZero()) {
      throw new InvalidInputException("delay must be positive");
    }
    return new Misbehaviour(Kind.DELAY_NOTIFICATION, delay, 1, null, null, 0);
  }

  /**
   * The notification is sent {@code copies} times concurrently (all released at once).
   *
   * @param copies how many identical notifications, 2 to 1000
   * @return the misbehaviour
   * @throws InvalidInputException if copies is out of range
   */
  public static Misbehaviour duplicateNotification(int copies) {
    if (copies < 2 || copies > 1000) {
      throw new InvalidInputException("copies must be between 2 and 1000");
    }
    return new Misbehaviour(Kind.DUPLICATE_NOTIFICATION, null, copies, null, null, 0);
  }

  /**
   * The operation id is sent under another parameter name. The simulator sends {@code idop}
   * (lowercase, what production receivers read) unless told otherwise: use {@code "idOp"} or {@code
   * "IdOp"} to check a receiver tolerates the variants seen in the field.
   *
   * @param name the parameter name; letters only
   * @return the misbehaviour
   * @throws InvalidInputException if the name is empty or not letters only
   */
  public static Misbehaviour notificationParameter(String name) {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[A-Za-z]{1,20}")) {
      throw new InvalidInputException("name must be 1 to 20 letters");
    }
    return new Misbehaviour(Kind.NOTIFICATION_PARAMETER, null, 1, name, null, 0);
  }

  /**
   * The notification is sent as a GET with {@code ?idop=} in the query string, instead of a form
   * POST.
   *
   * @return the misbehaviour
   */
  public static Misbehaviour notificationByGet() {
    return of(Kind.NOTIFICATION_BY_GET);
  }

  /**
   * Every SOAP answer (success or fault) is sent {@code delay} late (real time), to exercise the
   * caller's response timeout.
   *
   * @param delay how long to hold the answer; positive, at most 10 minutes
   * @return the misbehaviour
   * @throws InvalidInputException if the delay is out of range
   */
  public static Misbehaviour slowSoap(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative() || delay.isZero() || delay.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new InvalidInputException("delay must be positive and at most 10 minutes");
    }
    return new Misbehaviour(Kind.SLOW_SOAP, delay, 1, null, null, 0);
  }

  /**
   * The SOAP endpoint answers {@code 502 Bad Gateway} with an HTML body and no SOAP envelope, as
   * the reverse proxy in front of the real service does when the back end is down.
   *
   * @return the misbehaviour
   */
  public static Misbehaviour badGateway() {
    return of(Kind.BAD_GATEWAY);
  }

  /**
   * The SOAP endpoint reads the request and closes the connection without sending a byte of answer:
   * the caller cannot know whether the operation happened.
   *
   * @return the misbehaviour
   */
  public static Misbehaviour connectionReset() {
    return of(Kind.CONNECTION_RESET);
  }

  /**
   * The SOAP endpoint answers a technical fault of the given family to every operation.
   *
   * @param family the fault family
   * @return the misbehaviour
   */
  public static Misbehaviour technicalFault(TechnicalFault family) {
    return new Misbehaviour(
        Kind.TECHNICAL_FAULT, null, 1, null, Objects.requireNonNull(family, "family"), 0);
  }

  /**
   * Limits this misbehaviour to the next {@code n} occasions (SOAP calls for the SOAP ones,
   * completed payments for the notification ones), after which the simulator behaves again.
   *
   * @param n how many times, at least 1
   * @return a copy limited to n times
   * @throws InvalidInputException if n is less than 1
   */
  public Misbehaviour times(int n) {
    if (n < 1) {
      throw new InvalidInputException("n must be at least 1");
    }
    return new Misbehaviour(kind, delay, copies, parameterName, fault, n);
  }

  /**
   * Returns the kind.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns how many times it applies.
   *
   * @return the count, empty if it applies until {@link PayfipSimulator#behave()}
   */
  public Optional<Integer> limit() {
    return times == 0 ? Optional.empty() : Optional.of(times);
  }

  Duration delay() {
    return delay;
  }

  int copies() {
    return copies;
  }

  String parameterName() {
    return parameterName;
  }

  TechnicalFault fault() {
    return fault;
  }

  int rawTimes() {
    return times;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Misbehaviour[").append(kind);
    if (delay != null) {
      s.append(", delay=").append(delay);
    }
    if (kind == Kind.DUPLICATE_NOTIFICATION) {
      s.append(", copies=").append(copies);
    }
    if (parameterName != null) {
      s.append(", parameter=").append(parameterName);
    }
    if (fault != null) {
      s.append(", fault=").append(fault);
    }
    if (times > 0) {
      s.append(", times=").append(times);
    }
    return s.append(']').toString();
  }
}
