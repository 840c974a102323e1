/** OpenID Connect login with FranceConnect v2, FranceConnect+, ProConnect and generic providers. */
package fr.socle.identity;
