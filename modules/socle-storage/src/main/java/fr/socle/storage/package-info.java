/** The encrypted, tamper-evident document safe. */
package fr.socle.storage;
