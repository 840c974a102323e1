/**
 * Implementation details of the PayFiP simulator. <strong>No compatibility promise</strong>:
 * anything here may change or disappear in any release.
 */
package fr.socle.testkit.payfip.internal;
