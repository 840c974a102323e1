/**
 * An in-process simulator of FranceConnect v2, FranceConnect+ and ProConnect ({@link
 * fr.socle.testkit.franceconnect.FranceConnectSimulator}), its JUnit 5 extension ({@link
 * fr.socle.testkit.franceconnect.FranceConnectSimulatorExtension}) and its test identities.
 */
package fr.socle.testkit.franceconnect;
