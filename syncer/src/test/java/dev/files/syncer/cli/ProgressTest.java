package dev.files.syncer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress bar and line of backfill and verify: fraction, count, rate and ETA. */
class ProgressTest {
  @Test
  void aBarShowsFractionCountRateAndEta() {
    String bar = Progress.bar("backfill", 250, 1000, 10_000);
    assertEquals("backfill [########......................]  25% 250/1,000  25/s  ETA 0:30", bar);
  }

  @Test
  void aPlainLineSaysTheSame() {
    assertEquals(
        "verify: 250 of 1,000 (25%), 25/s, ETA 0:30", Progress.line("verify", 250, 1000, 10_000));
  }

  @Test
  void longEtasShowHoursAndUnknownTotalsShowCountAndRate() {
    assertEquals("1:00:00", Progress.eta(0, 3600, 1.0));
    assertEquals("?", Progress.eta(0, 10, 0));
    assertEquals("0:00", Progress.eta(10, 10, 5));
    assertEquals("backfill 40  4/s", Progress.bar("backfill", 40, 0, 10_000));
  }

  @Test
  void aFullBarNeverOverflows() {
    String bar = Progress.bar("verify", 1200, 1000, 1000);
    assertTrue(bar.startsWith("verify [" + "#".repeat(30) + "] 100%"), bar);
  }

  @Test
  void offATerminalPlainLinesEndWithTheLastState() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicLong done = new AtomicLong();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ProgressLine p = ProgressLine.counting("backfill", done::get, () -> 10, false, out)) {
      done.set(10);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("backfill: 10 of 10 (100%)"), text);
    assertTrue(!text.contains("\r"), "no terminal control characters in a log: " + text);
  }

  @Test
  void onATerminalTheBarIsRedrawnInPlace() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ProgressLine p = ProgressLine.counting("verify", () -> 5, () -> 10, true, out)) {
      // closing prints the final bar
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("\r\033[2Kverify ["), text);
    assertTrue(text.contains(" 50% 5/10"), text);
  }

  @Test
  void verifyCountsWhatTheVerifierRead() {
    assertEquals(
        3_500, VerifyProgress.recordsRead("verify: read 2,000 redis and 1,500 couchdb records"));
    assertEquals(0, VerifyProgress.recordsRead("something else"));
  }
}
