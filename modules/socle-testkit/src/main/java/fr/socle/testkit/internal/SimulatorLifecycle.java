package fr.socle.testkit.internal;

import fr.socle.core.SocleClientException;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The lifecycle the simulators' JUnit 5 extensions share. Registered on a static field, a simulator
 * starts before all tests of the class and is reset after each; registered on an instance field, it
 * starts before each test and stops after it. Nested classes see the callbacks too: only the
 * context that started the simulator stops it.
 *
 * <p>Thread-safe (JUnit may call the callbacks from several threads in parallel runs).
 *
 * @param <S> the simulator
 */
public final class SimulatorLifecycle<S> {
  private final String notRunning;
  private final Supplier<S> start;
  private final Consumer<S> reset;
  private final Consumer<S> stop;
  private S simulator;
  private String owner;
  private boolean perTest;

  /**
   * Creates the lifecycle; nothing is started yet.
   *
   * @param notRunning the message when the simulator is asked for outside the tests
   * @param start starts a new simulator
   * @param reset brings a running simulator back to its initial behaviour
   * @param stop stops a simulator
   */
  public SimulatorLifecycle(
      String notRunning, Supplier<S> start, Consumer<S> reset, Consumer<S> stop) {
    this.notRunning = Objects.requireNonNull(notRunning, "notRunning");
    this.start = Objects.requireNonNull(start, "start");
    this.reset = Objects.requireNonNull(reset, "reset");
    this.stop = Objects.requireNonNull(stop, "stop");
  }

  /**
   * Returns the running simulator.
   *
   * @return the simulator
   * @throws SocleClientException outside the tests
   */
  public synchronized S simulator() {
    if (simulator == null) {
      throw new SocleClientException(notRunning);
    }
    return simulator;
  }

  /**
   * Tells whether a simulator is running.
   *
   * @return true between a start and its stop
   */
  public synchronized boolean running() {
    return simulator != null;
  }

  /**
   * Starts the simulator for the whole class, unless one runs already.
   *
   * @param context the class's context
   */
  public synchronized void beforeAll(ExtensionContext context) {
    if (simulator == null) {
      simulator = start.get();
      owner = context.getUniqueId();
    }
  }

  /**
   * Starts a simulator for this test when none runs for the class.
   *
   * @param context the test's context
   */
  public synchronized void beforeEach(ExtensionContext context) {
    if (simulator == null) {
      simulator = start.get();
      owner = context.getUniqueId();
      perTest = true;
    }
  }

  /**
   * Stops the test's own simulator, or resets the class's one.
   *
   * @param context the test's context
   */
  public synchronized void afterEach(ExtensionContext context) {
    if (simulator == null) {
      return;
    }
    if (perTest && context.getUniqueId().equals(owner)) {
      stopNow();
    } else {
      reset.accept(simulator);
    }
  }

  /**
   * Stops the class's simulator when this context started it.
   *
   * @param context the class's context
   */
  public synchronized void afterAll(ExtensionContext context) {
    if (simulator != null && context.getUniqueId().equals(owner)) {
      stopNow();
    }
  }

  private void stopNow() {
    S running = simulator;
    simulator = null;
    owner = null;
    perTest = false;
    stop.accept(running);
  }
}
