/**
 * The local-disk {@link dev.files.blob.BlobStorage} of the embedded default: objects as files under
 * a data directory, served by the service itself under {@code /blobs/...} with the client protocol
 * of Google Cloud Storage (signed single PUT with Content-MD5, resumable sessions with
 * Content-Range and 308, signed or public downloads with Range). Uploads stream to disk with
 * bounded memory, are verified (size, MD5) while written, fsynced and renamed atomically, and then
 * raise the finalize event on the event bus. See {@code docs/backends/local-storage.md}.
 */
package dev.files.storage.local;
