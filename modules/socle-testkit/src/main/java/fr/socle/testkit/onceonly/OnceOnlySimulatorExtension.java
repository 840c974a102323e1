package fr.socle.testkit.onceonly;

import fr.socle.core.SocleClientException;
import fr.socle.testkit.internal.SimulatorLifecycle;
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
  private final SimulatorLifecycle<OnceOnlySimulator> lifecycle;

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
    Objects.requireNonNull(builder, "builder");
    this.lifecycle =
        new SimulatorLifecycle<>(
            "the once-only simulator runs only during the tests",
            builder::start,
            OnceOnlySimulator::reset,
            OnceOnlySimulator::close);
  }

  /**
   * Returns the running simulator.
   *
   * @return the simulator
   * @throws SocleClientException outside the tests of the class
   */
  public OnceOnlySimulator simulator() {
    return lifecycle.simulator();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    lifecycle.beforeAll(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    lifecycle.afterEach(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    lifecycle.afterAll(context);
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
