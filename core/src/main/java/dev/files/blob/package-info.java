/** The blob API: object storage for the bytes, signed upload and download URLs, finalize events. */
package dev.files.blob;
