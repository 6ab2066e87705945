/**
 * Examples of the client library, compiled with it so that they stay true; the javadoc of {@link
 * dev.files.client.FilesClient} and {@link dev.files.client.Uploader} links to them.
 */
package dev.files.client.examples;
