/**
 * Fakes for the document safe: an in-memory {@link fr.socle.storage.spi.ObjectStore} that enforces
 * object lock (WORM) like S3 Object Lock, for tests of retention and legal hold without an S3
 * server.
 */
package fr.socle.testkit.storage;
