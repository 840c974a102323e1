/**
 * Implementation details of socle-refdata. <strong>No compatibility promise</strong>: anything here
 * may change or disappear in any release. Never use these types from application code.
 */
package fr.socle.refdata.internal;
