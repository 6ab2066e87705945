package dev.files.service;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.service.config.ConfigLoader;
import dev.files.service.config.ServiceConfig;
import dev.files.service.logging.LogFormat;
import dev.files.syncer.cli.SyncerCommand;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line of {@code files.jar}: {@code serve} starts the service, {@code syncer
 * backfill|follow|verify} runs the Redis to CouchDB syncer.
 */
@Command(
    name = "files",
    mixinStandardHelpOptions = true,
    description = "The files media-metadata service.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  /** The exit code of a start refused for its configuration (a usage error, as picocli's). */
  static final int INVALID_CONFIGURATION = 2;

  public static void main(String[] args) {
    int code = commandLine(System.getenv()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * The command line reading its configuration from {@code env}. A configuration the loader refuses
   * (an unknown key or {@code FILES_*} variable, a bad value) ends any command with {@value
   * #INVALID_CONFIGURATION} and one line per problem on the error stream.
   */
  static CommandLine commandLine(Map<String, String> env) {
    CommandLine line = new CommandLine(new Main());
    line.addSubcommand("serve", new ServeCommand(env));
    line.addSubcommand("syncer", new SyncerCommand(() -> syncerConfig(env)));
    line.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          if (!(e instanceof FileError error) || error.code() != ErrorCode.VALIDATION) {
            throw e;
          }
          if (error.details().isEmpty()) {
            command.getErr().println("files: " + error.getMessage());
          } else {
            command.getErr().println("files: the configuration was refused:");
            error.details().forEach(d -> command.getErr().println("  " + d));
          }
          command.getErr().flush();
          return INVALID_CONFIGURATION;
        });
    return line;
  }

  /**
   * The syncer reads the service's configuration (defaults < environment, < its own {@code
   * --config}) and logs in the service's {@code log.format}, applied before it connects to
   * anything.
   */
  private static JsonObject syncerConfig(Map<String, String> env) {
    ServiceConfig config = ConfigLoader.load(null, env);
    LogFormat.apply(config.string(LogFormat.KEY));
    return config.syncerConfig();
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
