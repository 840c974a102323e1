/** Simulators, JUnit 5 extensions and fakes for testing applications built on Socle. */
package fr.socle.testkit;
