/**
 * Google Cloud Storage as the service's {@link dev.files.blob.BlobStorage}: V4 signed upload and
 * download URLs, resumable sessions created by the service, stat, read, delete with a generation
 * precondition, public/private through object ACLs. Every call of the (blocking) Google client runs
 * on a worker, never on an event loop.
 */
package dev.files.storage.gcs;
