/**
 * The PostgreSQL {@link fr.socle.onceonly.spi.RateLimitStore} of socle-once-only: every node of a
 * deployment shares the API Particulier and API Entreprise limits through one table ({@link
 * fr.socle.onceonly.jdbc.JdbcRateLimitStore}).
 */
package fr.socle.onceonly.jdbc;
