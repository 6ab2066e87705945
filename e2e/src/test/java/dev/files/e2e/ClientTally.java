package dev.files.e2e;

import dev.files.error.FileError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;

/**
 * What the client JVM saw, as the JSON file it writes and the test reads: uploads attempted,
 * acknowledged (the files.upload reply reached the client), processed and failed; every error a
 * call returned, by code (a timeout counted apart as {@code unavailable:timeout}) and by step; the
 * reads tried again after a transient error; the uploads whose PUT resumed after a lost connection;
 * and one entry per upload.
 *
 * <p>Written by many uploads at once, so every method is synchronized.
 */
final class ClientTally {
  /** An upload whose files.upload failed: no record the client knows of. */
  static final String NOT_ACKNOWLEDGED = "not-acknowledged";

  static final String PROCESSED = "processed";

  /** An acknowledged upload the client did not see processed in time. */
  static final String FAILED = "failed";

  private int attempted;
  private int readRetries;
  private final Map<String, Integer> errorsByCode = new TreeMap<>();
  private final Map<String, Integer> errorsByStep = new TreeMap<>();
  private final JsonArray uploads = new JsonArray();

  synchronized void attempted() {
    attempted++;
  }

  /** A read about to be sent again after a transient error. */
  synchronized void readRetried() {
    readRetries++;
  }

  /** An error a call returned; {@code step} names the call ({@code files.upload}, {@code put}). */
  synchronized void error(String step, Throwable failure) {
    String code = codeOf(failure);
    errorsByCode.merge(code, 1, Integer::sum);
    errorsByStep.merge(step + " " + code, 1, Integer::sum);
  }

  /** How an upload ended: {@code entry} has index, transport, outcome and what is known. */
  synchronized void settled(JsonObject entry) {
    uploads.add(entry);
  }

  synchronized int settledCount() {
    return uploads.size();
  }

  synchronized JsonObject toJson() {
    return new JsonObject()
        .put("attempted", attempted)
        .put("acknowledged", count(PROCESSED) + count(FAILED))
        .put("processed", count(PROCESSED))
        .put("failed", count(FAILED))
        .put("notAcknowledged", count(NOT_ACKNOWLEDGED))
        .put("readRetries", readRetries)
        .put("putsResumed", resumed())
        .put("errorsByCode", new JsonObject(Map.copyOf(errorsByCode)))
        .put("errorsByStep", new JsonObject(Map.copyOf(errorsByStep)))
        .put("uploads", uploads.copy());
  }

  /** Uploads whose resumable PUT lost its connection and resumed. */
  private int resumed() {
    int n = 0;
    for (Object o : uploads) {
      if (((JsonObject) o).getBoolean("resumed", false)) {
        n++;
      }
    }
    return n;
  }

  private int count(String outcome) {
    int n = 0;
    for (Object o : uploads) {
      if (outcome.equals(((JsonObject) o).getString("outcome"))) {
        n++;
      }
    }
    return n;
  }

  /** The API's code; {@code unavailable:timeout} when a timeout is the cause. */
  static String codeOf(Throwable failure) {
    FileError error = FileError.of(failure);
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException) {
        return error.code().code() + ":timeout";
      }
    }
    return error.code().code();
  }
}
