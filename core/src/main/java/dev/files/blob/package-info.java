/**
 * The storage API: {@link dev.files.blob.BlobStorage}, the byte store (signed upload and download
 * URLs, finalize events), opened by {@code storage.type} through a {@link
 * dev.files.blob.BlobStorageProvider} as a {@link dev.files.blob.StorageBackend} with its routes
 * and meters.
 */
package dev.files.blob;
