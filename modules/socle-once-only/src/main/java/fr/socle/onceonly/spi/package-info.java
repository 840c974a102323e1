/**
 * Extension points of socle-once-only: where the rate-limit state lives ({@link
 * fr.socle.onceonly.spi.RateLimitStore}). Socle ships an in-memory store (one node) and a
 * PostgreSQL store in {@code socle-once-only-jdbc} (every node of a deployment).
 */
package fr.socle.onceonly.spi;
