/**
 * The S3 store's machinery: client construction, error mapping, uploads, object lock and bounded
 * downloads. Internal: no compatibility promise, may change in any release.
 */
package fr.socle.storage.s3.internal;
