/**
 * What the reference API clients share: the builder options (base URL, timeouts, rate limit,
 * circuit breaker, cache) and small value types.
 */
package fr.socle.refdata.client;
