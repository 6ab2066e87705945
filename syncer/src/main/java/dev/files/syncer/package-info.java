/**
 * The Redis to CouchDB syncer: {@link dev.files.syncer.Backfill} copies every record in bulk and
 * resumably, {@link dev.files.syncer.Follower} applies the Redis change streams through a consumer
 * group, {@link dev.files.syncer.Verifier} compares and repairs; {@link
 * dev.files.syncer.SyncerVerticle} runs the follower inside the service and {@link
 * dev.files.syncer.SyncerMetrics} exposes its lag and throughput. See docs/operations/syncer.md.
 */
package dev.files.syncer;
