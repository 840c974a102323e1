/**
 * A faithful local simulator of the DGFiP PayFiP "Régie web-service" service: SOAP endpoint,
 * payment page, notifications, expiry, and misbehaviour on demand. Entry points: {@link
 * fr.socle.testkit.payfip.PayfipSimulator} and {@link
 * fr.socle.testkit.payfip.PayfipSimulatorExtension}.
 */
package fr.socle.testkit.payfip;
