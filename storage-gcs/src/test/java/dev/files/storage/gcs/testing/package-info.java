/**
 * Test servers for Google Cloud, exported in the module's test-jar: {@link
 * dev.files.storage.gcs.testing.FakeGcsServer} (the GCS JSON and XML endpoints the code calls),
 * {@link dev.files.storage.gcs.testing.TestServiceAccount} (a generated key), {@link
 * dev.files.storage.gcs.testing.PubSubEmulator} (Google's emulator, once per JVM) and {@link
 * dev.files.storage.gcs.testing.GcsNotifications} (GCS-format Pub/Sub messages).
 */
package dev.files.storage.gcs.testing;
