package dev.files.service.faults;

import dev.files.service.faults.KillAudit.Reconciled;
import dev.files.service.faults.KillAudit.Seen;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tally of one kill test. Every count is over uploads; the three that must be 0:
 *
 * <ul>
 *   <li>lost: files.upload answered (or the PUT completed) but the record is missing or failed;
 *   <li>stuck: after the reconciler, a record whose bytes are stored (PUT completed, or the object
 *       committed although the kill ate the PUT's reply) is not processed yet;
 *   <li>corrupt: a processed file whose download differs from the bytes sent.
 * </ul>
 *
 * Pending records without stored bytes and without a completed PUT are fine: the kill cut the
 * upload before its bytes arrived (the TTL expires them); they are counted as
 * pending-without-bytes.
 */
final class KillOutcome {
  final String name;
  final int exitStatus;
  final int started;
  final int acknowledged;
  final int putCompleted;
  final Map<String, Integer> atRestart;
  final int syncRounds;
  final long settleMillis;
  final JsonObject syncTotals;
  int processed;
  int processedWithoutPutReply;
  int lost;
  int stuck;
  int corrupt;
  int pendingWithoutBytes;
  final Map<Integer, Integer> retries = new TreeMap<>();
  final List<String> problems = new ArrayList<>();

  KillOutcome(
      String name,
      int exitStatus,
      List<KillUpload> uploads,
      Map<String, Integer> atRestart,
      Reconciled reconciled) {
    this.name = name;
    this.exitStatus = exitStatus;
    this.started = (int) uploads.stream().filter(u -> u.started).count();
    this.acknowledged = (int) uploads.stream().filter(KillUpload::acknowledged).count();
    this.putCompleted = (int) uploads.stream().filter(KillUpload::putCompleted).count();
    this.atRestart = atRestart;
    this.syncRounds = reconciled.rounds();
    this.settleMillis = reconciled.millis();
    this.syncTotals = reconciled.syncTotals();
    reconciled.seen().forEach(this::count);
    for (KillUpload u : uploads) {
      if (u.retryStatus != 0) {
        retries.merge(u.retryStatus, 1, Integer::sum);
      }
    }
  }

  private void count(KillUpload u, Seen s) {
    if (s.is("processed")) {
      processed++;
      if (!u.putCompleted() && u.retryStatus != 200) {
        processedWithoutPutReply++;
      }
    } else if (s.is(Seen.MISSING) || s.is("failed")) {
      lost++;
      problems.add(line(u, s, "lost"));
    } else if (KillAudit.settled(u, s)) {
      pendingWithoutBytes++;
    } else {
      stuck++;
      problems.add(line(u, s, "stuck"));
    }
  }

  void corrupt(KillUpload u) {
    corrupt++;
    problems.add(line(u, new Seen("processed", true), "corrupt"));
  }

  private static String line(KillUpload u, Seen s, String what) {
    return what
        + ": upload #"
        + u.index
        + " "
        + u.uploadId
        + " is "
        + s.status()
        + (s.bytesStored() ? " (bytes stored)" : "")
        + ", PUT "
        + (u.putStatus == 0 ? "without reply" : u.putStatus)
        + (u.failure == null ? "" : ", client saw " + u.failure);
  }

  /** The closing-note table: a header, one row, and a line of context. */
  String table() {
    return String.join(
        "\n",
        "| case | uploads started | acknowledged | PUT completed | processed | lost | stuck |"
            + " corrupt | pending-without-bytes |",
        "|---|---|---|---|---|---|---|---|---|",
        "| "
            + String.join(
                " | ",
                name,
                str(started),
                str(acknowledged),
                str(putCompleted),
                str(processed),
                str(lost),
                str(stuck),
                str(corrupt),
                str(pendingWithoutBytes))
            + " |",
        "exit status of the killed service: "
            + exitStatus
            + "; statuses at restart (acknowledged uploads): "
            + atRestart
            + "; processed although the kill ate the PUT's reply: "
            + processedWithoutPutReply
            + "; files.sync rounds: "
            + syncRounds
            + " ("
            + syncTotals.encode()
            + "), settled in "
            + settleMillis
            + " ms"
            + (retries.isEmpty() ? "" : "; PUTs retried after the restart, by status: " + retries));
  }

  /** Acknowledged uploads the kill caught after files.finish and before processed. */
  int betweenFinishAndProcessed() {
    return atRestart.getOrDefault("uploaded", 0) + atRestart.getOrDefault("processing", 0);
  }

  private static String str(int n) {
    return Integer.toString(n);
  }
}
