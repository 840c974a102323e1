/** S3-compatible object store backend for the document safe. */
package fr.socle.storage.s3;
