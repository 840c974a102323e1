/**
 * Implementation details of socle-testkit. <strong>No compatibility promise</strong>: anything here
 * may change or disappear in any release.
 */
package fr.socle.testkit.internal;
