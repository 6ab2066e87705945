package dev.files.client;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * One attempt of one action over one transport. The future fails with a {@link
 * dev.files.error.FileError} only: the API's error when the service answered with one, {@code
 * unavailable} when the service could not be reached or did not answer in time.
 */
interface Transport {
  Future<JsonObject> send(String action, JsonObject body, Duration timeout);

  /** Releases what the transport opened (connections); the caller's Vert.x stays open. */
  Future<Void> close();
}
