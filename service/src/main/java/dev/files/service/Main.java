package dev.files.service;

import dev.files.service.config.ConfigLoader;
import dev.files.syncer.cli.SyncerCommand;
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
    subcommands = {ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    CommandLine line = new CommandLine(new Main());
    // The syncer reads the service's configuration: defaults < environment (< its --config).
    line.addSubcommand(
        "syncer", new SyncerCommand(() -> ConfigLoader.load(null, System.getenv()).syncerConfig()));
    int code = line.execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
