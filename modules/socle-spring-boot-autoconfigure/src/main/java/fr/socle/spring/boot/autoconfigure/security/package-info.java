/**
 * Spring Security integration of FranceConnect, FranceConnect+ and ProConnect login: {@link
 * fr.socle.spring.boot.autoconfigure.security.SocleLoginConfigurer} applied with {@code
 * http.with(SocleLoginConfigurer.socleLogin(), Customizer.withDefaults())}, the {@link
 * fr.socle.spring.boot.autoconfigure.security.SocleAuthentication} it produces, and {@link
 * fr.socle.spring.boot.autoconfigure.security.EidasAuthorization} to demand an eIDAS level.
 */
package fr.socle.spring.boot.autoconfigure.security;
