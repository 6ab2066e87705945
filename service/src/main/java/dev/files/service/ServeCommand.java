package dev.files.service;

import dev.files.service.config.ConfigLoader;
import dev.files.service.config.ServiceConfig;
import dev.files.service.logging.LogFormat;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code files serve [--config FILE]}: runs the service until the process is stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Starts the service. Configuration: built-in defaults < --config file (YAML or JSON) <"
            + " environment variables FILES_<KEY> (see docs/configuration.md).")
final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  private final Map<String, String> env;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "a YAML or JSON configuration file")
  Path config;

  /**
   * @param env the environment the {@code FILES_*} variables are read from
   */
  ServeCommand(Map<String, String> env) {
    this.env = env;
  }

  /**
   * Serves until the process is stopped. A configuration the loader refuses is thrown before
   * anything starts; {@link Main} reports it.
   */
  @Override
  public Integer call() throws Exception {
    ServiceConfig effective = ConfigLoader.load(config, env);
    LogFormat.apply(effective.string(LogFormat.KEY));
    FilesServer server;
    try {
      server =
          FilesServer.builder(effective)
              .start()
              .toCompletionStage()
              .toCompletableFuture()
              .get(2, TimeUnit.MINUTES);
    } catch (java.util.concurrent.ExecutionException e) {
      LOG.error("files did not start: {}", e.getCause().toString(), e.getCause());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("stopping");
                  try {
                    server
                        .stop()
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
                  } catch (Exception e) {
                    LOG.warn("stop did not complete: {}", e.toString());
                  }
                  stopped.countDown();
                },
                "files-shutdown"));
    stopped.await();
    return 0;
  }
}
