/**
 * Extension points of the document safe: where ciphertexts live ({@link
 * fr.socle.storage.spi.ObjectStore}), who holds the tenants' key-encryption keys ({@link
 * fr.socle.storage.spi.KeyEncryptionKeys}), and what scans deposits for malware ({@link
 * fr.socle.storage.spi.ContentScanner}).
 */
package fr.socle.storage.spi;
