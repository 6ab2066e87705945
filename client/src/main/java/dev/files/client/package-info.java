/**
 * The client library of the files service for JVM microservices.
 *
 * <p>{@link dev.files.client.FilesClient} calls every {@code files.*} action over the clustered
 * event bus or over HTTP, with the API's request and reply JSON; failures are {@link
 * dev.files.error.FileError}s carrying the API's error code and HTTP status, whatever the
 * transport. {@link dev.files.client.Uploader} does the whole upload: {@code files.upload}, the
 * bytes to each returned location (resumable sessions survive a dropped connection), and the wait
 * until the file is processed. The examples in {@code dev.files.client.examples} are compiled with
 * the module.
 */
package dev.files.client;
