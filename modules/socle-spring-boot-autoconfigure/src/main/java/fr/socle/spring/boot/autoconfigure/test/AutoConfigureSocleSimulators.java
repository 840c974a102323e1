package fr.socle.spring.boot.autoconfigure.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@code @SpringBootTest} against the test kit's FranceConnect and PayFiP simulators,
 * started on free loopback ports for the test's application context and stopped with it.
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
 * @AutoConfigureSocleSimulators
 * class PortalTest {
 *   @Autowired FranceConnectSimulator franceConnect;
 *   @Autowired PayfipSimulator payfip;
 *   @LocalServerPort int port;
 * }
 * }</pre>
 *
 * <p>It sets {@code socle.identity.issuer}, {@code client-id}, {@code client-secret} and {@code
 * socle.payment.endpoint}, {@code payment-page}, {@code numcli}, {@code saisie=test}; it picks a
 * free {@code server.port} and rewrites the application's redirect, post-logout, notification and
 * return URLs onto {@code http://localhost:<port>} keeping their paths, and registers them with the
 * simulators. The simulators are beans of the context, to drive from the test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureSocleSimulators {}
