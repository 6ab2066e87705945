package dev.files.service.faults;

import dev.files.error.ErrorCode;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Judges each fuzzed answer against the contract and keeps the count: no 5xx, and every 4xx is
 * {@code {"error": {status, code, ...}}} with the HTTP status in the body and a code that maps to
 * it. Problems are collected (the first few with their request) so one run reports them all.
 */
final class FuzzTally {
  private static final int KEEP = 10;

  private final String name;
  private final long seed;
  private int cases;
  private int serverErrors;
  private int badErrorBodies;
  private final Map<Integer, Integer> byStatus = new TreeMap<>();
  private final List<String> examples = new ArrayList<>();

  FuzzTally(String name, long seed) {
    this.name = name;
    this.seed = seed;
  }

  /**
   * Records one answer.
   *
   * @param request what was sent, for the report
   * @param expectBody false where HTTP forbids a body (HEAD)
   */
  synchronized void record(
      String request, int status, String contentType, String body, boolean expectBody) {
    cases++;
    byStatus.merge(status, 1, Integer::sum);
    if (status >= 500) {
      serverErrors++;
      keep(request, status, body);
      return;
    }
    if (status >= 400 && expectBody && !isErrorBody(status, contentType, body)) {
      badErrorBodies++;
      keep(request, status, body);
    }
  }

  private static boolean isErrorBody(int status, String contentType, String body) {
    if (contentType == null || !contentType.startsWith("application/json")) {
      return false;
    }
    try {
      JsonObject error = new JsonObject(body).getJsonObject("error");
      String code = error.getString("code");
      return error.getInteger("status") == status
          && ErrorCode.fromCode(code).status() == status
          && error.getString("message") != null;
    } catch (RuntimeException notTheErrorShape) {
      return false;
    }
  }

  private void keep(String request, int status, String body) {
    if (examples.size() < KEEP) {
      String shown = body == null ? "" : body.substring(0, Math.min(300, body.length()));
      examples.add(status + " for " + request + " -> " + shown);
    }
  }

  /** The closing line: cases run, 5xx seen, bad error bodies, statuses, seed. */
  synchronized String summary() {
    return name
        + ": "
        + cases
        + " cases, "
        + serverErrors
        + " 5xx, "
        + badErrorBodies
        + " 4xx without the error JSON; statuses "
        + byStatus
        + "; seed "
        + seed;
  }

  synchronized int cases() {
    return cases;
  }

  synchronized boolean clean() {
    return serverErrors == 0 && badErrorBodies == 0;
  }

  synchronized String problems() {
    return summary() + "\n  " + String.join("\n  ", examples);
  }

  /** A request for the report, its body cut short. */
  static String describe(String method, String target, String contentType, byte[] body) {
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
    if (text.length() > 200) {
      text = text.substring(0, 200) + "...(" + body.length + " bytes)";
    }
    return method + " " + target + " [" + contentType + "] " + text;
  }
}
