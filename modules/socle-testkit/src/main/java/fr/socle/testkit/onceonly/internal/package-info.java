/** Command-line entry of the once-only simulator. <strong>No compatibility promise</strong>. */
package fr.socle.testkit.onceonly.internal;
