/**
 * Internals of the payment block: SOAP codec, hardened XML, time conversion. No compatibility
 * promise.
 */
package fr.socle.payment.internal;
