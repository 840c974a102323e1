/**
 * Test support: {@link fr.socle.spring.boot.autoconfigure.test.AutoConfigureSocleSimulators} runs a
 * {@code @SpringBootTest} against the test kit's FranceConnect and PayFiP simulators, the way
 * Spring Boot wires Testcontainers. Needs socle-testkit and spring-test on the test class path.
 */
package fr.socle.spring.boot.autoconfigure.test;
