package dev.files.error;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A {@link Logger} that keeps every line it is given, with its level and throwable (shared with the
 * other modules' tests through the test-jar).
 */
public final class RecordingLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  /** One logged line. */
  public record Line(String level, String text, Throwable thrown) {}

  final transient List<Line> lines = new CopyOnWriteArrayList<>();

  public RecordingLogger() {
    this.name = "recording";
  }

  /** Every line so far. */
  public List<Line> lines() {
    return List.copyOf(lines);
  }

  /** The lines logged at {@code level} (TRACE, DEBUG, INFO, WARN, ERROR). */
  public List<Line> at(String level) {
    return lines.stream().filter(l -> l.level().equals(level)).toList();
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
    String text = MessageFormatter.basicArrayFormat(pattern, arguments);
    lines.add(new Line(level.name(), text, throwable));
  }

  @Override
  public boolean isTraceEnabled() {
    return true;
  }

  @Override
  public boolean isDebugEnabled() {
    return true;
  }

  @Override
  public boolean isInfoEnabled() {
    return true;
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
  }
}
