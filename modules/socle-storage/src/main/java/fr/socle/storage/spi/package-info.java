/**
 * Extension points of the document safe: where ciphertexts live ({@link
 * fr.socle.storage.spi.ObjectStore}) and who holds the tenants' key-encryption keys ({@link
 * fr.socle.storage.spi.KeyEncryptionKeys}).
 */
package fr.socle.storage.spi;
