/** An in-memory {@link dev.files.blob.BlobStorage} for tests and throw-away runs. */
package dev.files.blob.memory;
