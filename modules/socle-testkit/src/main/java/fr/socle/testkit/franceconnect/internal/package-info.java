/**
 * Implementation details of the FranceConnect simulator's command line. <strong>No compatibility
 * promise</strong>: anything here may change or disappear in any release.
 */
package fr.socle.testkit.franceconnect.internal;
