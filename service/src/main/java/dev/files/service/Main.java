package dev.files.service;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line of {@code files.jar}: {@code serve} starts the service. */
@Command(
    name = "files",
    mixinStandardHelpOptions = true,
    description = "The files media-metadata service.",
    subcommands = {ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    int code = new CommandLine(new Main()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
