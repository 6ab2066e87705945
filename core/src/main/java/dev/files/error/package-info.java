/** The typed errors of the service: {@link dev.files.error.FileError} and its API codes. */
package dev.files.error;
