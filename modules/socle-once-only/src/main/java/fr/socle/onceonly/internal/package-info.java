/**
 * Implementation details of socle-once-only. <strong>No compatibility promise</strong>: anything
 * here may change or disappear in any release. Never use these types from application code.
 */
package fr.socle.onceonly.internal;
