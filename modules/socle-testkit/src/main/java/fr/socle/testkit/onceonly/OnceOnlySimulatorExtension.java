package fr.socle.testkit.onceonly;

import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension running an {@link OnceOnlySimulator} for a test class: started before the first
 * test, reset (misbehaviour, counters, request log) after each test, closed after the last. Test
 * methods can take an {@code OnceOnlySimulator} parameter.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final OnceOnlySimulatorExtension API = new OnceOnlySimulatorExtension();
 *
 * @Test
 * void pricesTheCanteen(OnceOnlySimulator sim) {
 *   // point ApiParticulierClient at sim.baseUrl()
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class OnceOnlySimulatorExtension
    implements BeforeAllCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {
  private final OnceOnlySimulator.Builder builder;
  private OnceOnlySimulator simulator;
  private String owner;

  /** Uses a simulator with the defaults (any free port, system clock, built-in catalogue). */
  public OnceOnlySimulatorExtension() {
    this(OnceOnlySimulator.builder());
  }

  /**
   * Uses a simulator built from this builder.
   *
   * @param builder the configuration
   */
  public OnceOnlySimulatorExtension(OnceOnlySimulator.Builder builder) {
    this.builder = Objects.requireNonNull(builder, "builder");
  }

  /**
   * Returns the running simulator.
   *
   * @return the simulator
   * @throws IllegalStateException outside the tests of the class
   */
  public synchronized OnceOnlySimulator simulator() {
    if (simulator == null) {
      throw new IllegalStateException("the once-only simulator runs only during the tests");
    }
    return simulator;
  }

  @Override
  public synchronized void beforeAll(ExtensionContext context) {
    if (simulator == null) {
      simulator = builder.start();
      owner = context.getUniqueId();
    }
  }

  @Override
  public synchronized void afterEach(ExtensionContext context) {
    if (simulator != null) {
      simulator.reset();
    }
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    if (simulator != null && context.getUniqueId().equals(owner)) {
      simulator.close();
      simulator = null;
      owner = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == OnceOnlySimulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return simulator();
  }
}
