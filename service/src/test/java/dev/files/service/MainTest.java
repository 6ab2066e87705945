package dev.files.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A start with a configuration the loader refuses stops before anything runs, saying why. */
class MainTest {
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    CommandLine line = Main.commandLine(env);
    line.setErr(new PrintWriter(err, true));
    return line.execute(args);
  }

  @Test
  void serveRefusesAnUnknownVariableNamingIt() {
    int code = run(Map.of("FILES_HTTP_PORTT", "0", "FILES_STORE_REDIS_NAMEGRAMS", "yes"), "serve");
    assertEquals(Main.INVALID_CONFIGURATION, code);
    assertEquals(
        String.join(
            System.lineSeparator(),
            "files: the configuration was refused:",
            "  unknown variable FILES_HTTP_PORTT (did you mean FILES_HTTP_PORT (key http.port)?)",
            "  store.redis.nameGrams (FILES_STORE_REDIS_NAMEGRAMS): 'yes' is not true or false",
            ""),
        err.toString());
  }

  @Test
  void serveRefusesAConfigFileItCannotRead() {
    int code = run(Map.of(), "serve", "--config", "does-not-exist.yaml");
    assertEquals(Main.INVALID_CONFIGURATION, code);
    assertEquals(
        true,
        err.toString().startsWith("files: cannot read config file does-not-exist.yaml"),
        err.toString());
  }

  @Test
  void theSyncerRefusesAnUnknownVariableToo() {
    int code = run(Map.of("FILES_SYNCER_BATCH", "10"), "syncer", "verify");
    assertEquals(Main.INVALID_CONFIGURATION, code);
    assertEquals(
        "files: the configuration was refused:"
            + System.lineSeparator()
            + "  unknown variable FILES_SYNCER_BATCH (did you mean FILES_SYNCER_BATCHSIZE (key"
            + " syncer.batchSize)?)"
            + System.lineSeparator(),
        err.toString());
  }
}
