/**
 * GCS notifications through Pub/Sub: push deliveries ({@link
 * dev.files.storage.gcs.pubsub.PubSubPushHandler}, mounted at {@code POST /notifications/pubsub})
 * and a pull subscriber ({@link dev.files.storage.gcs.pubsub.PubSubPullVerticle}). Both decode the
 * GCS notification into an {@link dev.files.blob.ObjectFinalized} and hand it to a {@link
 * dev.files.blob.FinalizeSink} through one {@link
 * dev.files.storage.gcs.pubsub.NotificationProcessor}, which decides what is acknowledged and what
 * is redelivered.
 */
package dev.files.storage.gcs.pubsub;
