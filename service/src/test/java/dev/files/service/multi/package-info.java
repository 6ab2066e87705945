/**
 * Several full service instances (each its own Vert.x with HTTP, processing worker, reconciler and
 * syncer follower) in one JVM on shared stores, raced against each other: processing leases,
 * files.sync on every instance at once, alias claims, and the syncer's consumer group.
 */
package dev.files.service.multi;
