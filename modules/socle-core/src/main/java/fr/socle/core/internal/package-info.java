/**
 * Implementation details of socle-core. <strong>No compatibility promise</strong>: anything here
 * may change or disappear in any release. Never use these types from application code.
 */
package fr.socle.core.internal;
