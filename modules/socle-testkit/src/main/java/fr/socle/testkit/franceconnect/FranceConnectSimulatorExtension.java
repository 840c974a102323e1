package fr.socle.testkit.franceconnect;

import fr.socle.core.SocleClientException;
import fr.socle.testkit.internal.SimulatorLifecycle;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension running a {@link FranceConnectSimulator} around tests.
 *
 * <p>Registered on a {@code static} field, the simulator starts once before all tests of the class
 * and stops after them; on an instance field, it starts and stops around each test. Either way,
 * misbehaviours and the pre-selected user are reset after each test, and test methods may take a
 * {@link FranceConnectSimulator} parameter. {@code @Nested} test classes share the simulator of
 * their enclosing class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static FranceConnectSimulatorExtension fc = FranceConnectSimulatorExtension.of(
 *     FranceConnectSimulator.builder()
 *         .flavour(Flavour.FC)
 *         .redirectUri(URI.create("https://mairie.example/login/callback")));
 *
 * @Test
 * void login_whenBornAbroad_hasNoBirthplace() {
 *   fc.simulator().selectUser(TestIdentity.BORN_ABROAD);
 *   ... // point the application at fc.simulator().issuer()
 * }
 * }</pre>
 *
 * <p>Not meant to be shared across test classes running in parallel.
 */
public final class FranceConnectSimulatorExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private final SimulatorLifecycle<FranceConnectSimulator> lifecycle;

  private FranceConnectSimulatorExtension(FranceConnectSimulator.Builder builder) {
    this.lifecycle =
        new SimulatorLifecycle<>(
            "the simulator runs only during tests",
            () -> builder.build().start(),
            FranceConnectSimulator::reset,
            FranceConnectSimulator::close);
  }

  /**
   * Creates the extension from a configured builder.
   *
   * @param builder the simulator's configuration
   * @return the extension
   */
  public static FranceConnectSimulatorExtension of(FranceConnectSimulator.Builder builder) {
    return new FranceConnectSimulatorExtension(Objects.requireNonNull(builder, "builder"));
  }

  /**
   * Creates the extension for a flavour with the default client registration.
   *
   * @param flavour the platform (not {@link Flavour#FC_PLUS}, which needs the client's keys)
   * @return the extension
   */
  public static FranceConnectSimulatorExtension of(Flavour flavour) {
    return of(FranceConnectSimulator.builder().flavour(flavour));
  }

  /**
   * Returns the running simulator.
   *
   * @return the simulator
   * @throws SocleClientException outside a test
   */
  public FranceConnectSimulator simulator() {
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
    return parameter.getParameter().getType() == FranceConnectSimulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return simulator();
  }
}
