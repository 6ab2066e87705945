/**
 * The multi-JVM end-to-end test: clustered service instances as child JVMs on the real Redis
 * Cluster and a CouchDB-protocol server, a client JVM using {@code files-client} over the clustered
 * event bus and HTTP, and a SIGKILL of one instance in the middle of the load.
 */
package dev.files.e2e;
