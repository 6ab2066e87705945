package dev.files.service.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.files.error.FileError;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Switches the console log between the bundled {@code logback.xml}'s text lines ({@code text}, the
 * default) and JSON lines ({@code json}: logback's {@link JsonEncoder}, one object per line with
 * {@code timestamp}, {@code level}, {@code loggerName}, {@code formattedMessage}, {@code mdc}
 * (action, uploadId, owner, trace_id, span_id) and {@code throwable}).
 */
public final class LogFormat {
  /** The key that selects the format. */
  public static final String KEY = "log.format";

  private static final Map<Appender<ILoggingEvent>, Encoder<ILoggingEvent>> ORIGINAL =
      new HashMap<>();

  private LogFormat() {}

  /**
   * Applies {@code format} to every console appender of the root logger.
   *
   * @throws FileError validation when the format is neither {@code text} nor {@code json}
   */
  public static synchronized void apply(String format) {
    boolean json = parse(format);
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J backend: its own configuration decides
    }
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.iteratorForAppenders()
        .forEachRemaining(
            appender -> {
              if (appender instanceof OutputStreamAppender<ILoggingEvent> out) {
                swap(out, json ? jsonEncoder(context) : ORIGINAL.get(out));
              }
            });
  }

  private static void swap(
      OutputStreamAppender<ILoggingEvent> appender, Encoder<ILoggingEvent> to) {
    if (to == null || appender.getEncoder() == to) {
      return;
    }
    ORIGINAL.putIfAbsent(appender, appender.getEncoder());
    appender.stop();
    appender.setEncoder(to);
    appender.start();
  }

  /** Whether {@code format} asks for JSON; refuses anything but text and json. */
  static boolean parse(String format) {
    if (format == null || format.isBlank() || format.equals("text")) {
      return false;
    }
    if (format.equals("json")) {
      return true;
    }
    throw FileError.validation(KEY + " must be text or json, not '" + format + "'");
  }

  /** The JSON lines encoder: the formatted message, no raw pattern or arguments. */
  public static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.setWithMessage(false);
    encoder.setWithArguments(false);
    encoder.setWithFormattedMessage(true);
    encoder.start();
    return encoder;
  }
}
