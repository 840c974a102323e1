/**
 * The machinery behind {@link fr.socle.core.http.HttpTransport}: the Apache HttpClient factory
 * (connection pool, TLS, proxy route), the resilience stage (circuit breaker, client-side rate
 * limit), the deadline timer and the bounded response reader. <strong>No compatibility
 * promise</strong>: anything here may change or disappear in any release. Never use these types
 * from application code.
 */
package fr.socle.core.internal.http;
