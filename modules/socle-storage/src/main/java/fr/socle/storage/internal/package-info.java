/** Implementation of the document safe. No compatibility promise: do not use from outside Socle. */
package fr.socle.storage.internal;
