package dev.files.error;

import io.vertx.core.internal.logging.Logger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Logger} that keeps every line it is given, with its level and throwable (shared with the
 * other modules' tests through the test-jar).
 */
public final class RecordingLogger implements Logger {
  /** One logged line. */
  public record Line(String level, String text, Throwable thrown) {}

  final List<Line> lines = new CopyOnWriteArrayList<>();

  /** Every line so far. */
  public List<Line> lines() {
    return List.copyOf(lines);
  }

  /** The lines logged at {@code level} (TRACE, DEBUG, INFO, WARN, ERROR). */
  public List<Line> at(String level) {
    return lines.stream().filter(l -> l.level().equals(level)).toList();
  }

  private void add(String level, Object message, Throwable t) {
    lines.add(new Line(level, String.valueOf(message), t));
  }

  @Override
  public String implementation() {
    return "recording";
  }

  @Override
  public boolean isTraceEnabled() {
    return true;
  }

  @Override
  public void trace(Object message) {
    add("TRACE", message, null);
  }

  @Override
  public void trace(Object message, Throwable t) {
    add("TRACE", message, t);
  }

  @Override
  public boolean isDebugEnabled() {
    return true;
  }

  @Override
  public void debug(Object message) {
    add("DEBUG", message, null);
  }

  @Override
  public void debug(Object message, Throwable t) {
    add("DEBUG", message, t);
  }

  @Override
  public boolean isInfoEnabled() {
    return true;
  }

  @Override
  public void info(Object message) {
    add("INFO", message, null);
  }

  @Override
  public void info(Object message, Throwable t) {
    add("INFO", message, t);
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public void warn(Object message) {
    add("WARN", message, null);
  }

  @Override
  public void warn(Object message, Throwable t) {
    add("WARN", message, t);
  }

  @Override
  public void error(Object message) {
    add("ERROR", message, null);
  }

  @Override
  public void error(Object message, Throwable t) {
    add("ERROR", message, t);
  }
}
