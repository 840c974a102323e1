/**
 * Implementation of socle-identity: discovery, sealed transactions, token verification. No
 * compatibility promise: these types may change in any release.
 */
package fr.socle.identity.internal;
