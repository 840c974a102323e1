/**
 * The bounded, shared HTTP transport of Socle: {@link fr.socle.core.http.HttpTransport}, its {@link
 * fr.socle.core.http.HttpRequest} and {@link fr.socle.core.http.HttpResponse}, and the resilience
 * policies ({@link fr.socle.core.http.CircuitBreakerPolicy}, {@link
 * fr.socle.core.http.RateLimitPolicy}).
 */
package fr.socle.core.http;
