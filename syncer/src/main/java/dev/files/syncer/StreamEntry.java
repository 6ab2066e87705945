package dev.files.syncer;

import io.vertx.redis.client.Response;

/**
 * One change-stream entry: its stream id and the change ({@code u} uploadId, {@code v} version,
 * {@code o} create|update|delete). An entry trimmed while pending has no fields: {@code uploadId}
 * null.
 */
record StreamEntry(String id, String uploadId, long version, String op) {

  static StreamEntry of(Response e) {
    String id = e.get(0).toString();
    Response fields = e.size() > 1 ? e.get(1) : null;
    String u = null;
    long v = 0;
    String o = null;
    if (fields != null) {
      for (int i = 0; i + 1 < fields.size(); i += 2) {
        String value = fields.get(i + 1).toString();
        switch (fields.get(i).toString()) {
          case "u" -> u = value;
          case "v" -> v = Long.parseLong(value);
          case "o" -> o = value;
          default -> {}
        }
      }
    }
    return new StreamEntry(id, u, v, o);
  }

  boolean isDelete() {
    return "delete".equals(op);
  }

  /** Milliseconds of the server clock when the entry was added (from its id). */
  long millis() {
    return millisOf(id);
  }

  static long millisOf(String streamId) {
    int dash = streamId.indexOf('-');
    return Long.parseLong(dash < 0 ? streamId : streamId.substring(0, dash));
  }
}
