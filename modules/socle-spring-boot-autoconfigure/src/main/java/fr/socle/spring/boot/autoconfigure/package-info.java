/**
 * Spring Boot 4 auto-configuration of the Socle blocks.
 *
 * <p>Each block (identity, payment, storage, reference data) is configured only when its module is
 * on the class path and its {@code socle.*} properties are set; every bean backs off when the
 * application defines its own. Secrets bind to {@link fr.socle.core.Secret}; an invalid setting
 * fails the start with a message naming the property. See {@code docs/spring-boot.md}.
 */
package fr.socle.spring.boot.autoconfigure;
