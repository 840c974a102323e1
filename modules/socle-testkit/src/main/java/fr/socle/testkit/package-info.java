/**
 * Simulators, JUnit 5 extensions and a settable clock ({@link fr.socle.testkit.TestClock}) for
 * testing applications built on Socle. The contract suites of Socle's SPIs are in the {@code
 * socle-testkit-contracts} artefact.
 */
package fr.socle.testkit;
