package fr.socle.testkit.payfip;

import fr.socle.core.SocleClientException;
import fr.socle.testkit.internal.SimulatorLifecycle;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension running a {@link PayfipSimulator} for a test class.
 *
 * <p>Registered on a static field, one simulator serves the whole class (started before the first
 * test, closed after the last); on an instance field or through {@code @ExtendWith}, it behaves the
 * same way except that an instance field gets a fresh simulator per test. After each test the
 * misbehaviours and the notification log are reset. Test methods and constructors can take a {@code
 * PayfipSimulator} parameter.
 *
 * <pre>{@code
 * class CheckoutTest {
 *   static final TestClock CLOCK = TestClock.atSystemTime();
 *
 *   @RegisterExtension
 *   static final PayfipSimulatorExtension PAYFIP =
 *       new PayfipSimulatorExtension(PayfipSimulator.builder().numcli("123456").clock(CLOCK));
 *
 *   @Test
 *   void paidInvoice_isFulfilled() {
 *     PayfipSimulator payfip = PAYFIP.simulator();
 *     // point the application at payfip.soapEndpoint() and payfip.paymentPageUrl()
 *   }
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class PayfipSimulatorExtension
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback,
        ParameterResolver {
  private final SimulatorLifecycle<PayfipSimulator> lifecycle;

  /** Uses a simulator with the default settings (any free port, numcli 090909, system clock). */
  public PayfipSimulatorExtension() {
    this(PayfipSimulator.builder());
  }

  /**
   * Uses a simulator built from this builder.
   *
   * @param builder the configuration; the extension calls {@code build()} each time it starts one
   */
  public PayfipSimulatorExtension(PayfipSimulator.Builder builder) {
    Objects.requireNonNull(builder, "builder");
    this.lifecycle =
        new SimulatorLifecycle<>(
            "the PayFiP simulator runs only during the tests",
            builder::start,
            PayfipSimulator::reset,
            PayfipSimulator::close);
  }

  /**
   * Returns the running simulator.
   *
   * @return the simulator
   * @throws SocleClientException outside a test of the class using the extension
   */
  public PayfipSimulator simulator() {
    return lifecycle.simulator();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    lifecycle.beforeAll(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    lifecycle.afterAll(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    lifecycle.beforeEach(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    lifecycle.afterEach(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PayfipSimulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (!lifecycle.running()) {
      throw new ParameterResolutionException(
          "the PayFiP simulator is not running: register the extension on a static field or"
              + " with @ExtendWith to inject it into a constructor");
    }
    return lifecycle.simulator();
  }
}
