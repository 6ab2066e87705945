package dev.files.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bench/run <list|service|upload|sync|sync-pages|bus|wait|history> [options]}. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    subcommands = {
      ListCommand.class,
      ServiceCommand.class,
      UploadCommand.class,
      SyncCommand.class,
      SyncPagesCommand.class,
      BusCommand.class,
      WaitCommand.class,
      HistoryCommand.class
    },
    description = "files benchmarks; each prints a table and writes it under bench/results/.")
public final class BenchMain implements Runnable {

  public static void main(String[] args) {
    int code = new CommandLine(new BenchMain()).execute(args);
    System.exit(code);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
