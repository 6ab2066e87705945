package dev.files.syncer.cli;

import dev.files.syncer.Endpoints;
import dev.files.syncer.SyncerConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code syncer backfill|follow|verify [--repair]}. The configuration is the service's (sections
 * {@code store.redis}, {@code store.couchdb}, {@code syncer}): given by the service's main through
 * {@link #SyncerCommand(Supplier)}, or read from {@code --config file.json}; the options below
 * override single keys.
 */
@Command(
    name = "syncer",
    mixinStandardHelpOptions = true,
    description = "Redis -> CouchDB syncer: backfill, follow, verify [--repair].",
    subcommands = {BackfillCommand.class, FollowCommand.class, VerifyCommand.class})
public final class SyncerCommand implements Runnable {
  private final Supplier<JsonObject> base;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", description = "service configuration file (JSON)")
  Path configFile;

  @Option(names = "--redis-url", description = "store.redis.url")
  String redisUrl;

  @Option(
      names = "--redis-type",
      description = "store.redis.type: standalone or cluster (--redis-url may then list nodes)")
  String redisType;

  @Option(names = "--redis-prefix", description = "store.redis.prefix")
  String redisPrefix;

  @Option(names = "--redis-shards", description = "store.redis.shards")
  Integer redisShards;

  @Option(names = "--couchdb-url", description = "store.couchdb.url")
  String couchUrl;

  @Option(names = "--couchdb-database", description = "store.couchdb.database")
  String couchDatabase;

  @Option(names = "--batch", description = "syncer.batchSize: records per _bulk_docs")
  Integer batch;

  @Option(names = "--group", description = "syncer.group: the consumer group")
  String group;

  @Option(names = "--consumer", description = "syncer.consumer: this instance's name")
  String consumer;

  @Option(names = "--claim-idle-ms", description = "syncer.claimIdleMs")
  Long claimIdleMs;

  @Option(names = "--poll-ms", description = "syncer.pollMs")
  Long pollMs;

  @Option(
      names = "--warm-indexes",
      arity = "1",
      description =
          "syncer.warmIndexes: update CouchDB's list indexes after each batch (true/false)")
  Boolean warmIndexes;

  /** Stand-alone: configuration from {@code --config} and options only. */
  public SyncerCommand() {
    this(JsonObject::new);
  }

  /** Inside the service: {@code base} is the service's loaded configuration. */
  public SyncerCommand(Supplier<JsonObject> base) {
    this.base = base;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  /** The syncer's configuration. */
  SyncerConfig config() {
    return SyncerConfig.from(rootConfig());
  }

  /** The whole configuration: the base, the file, then the options. */
  JsonObject rootConfig() {
    JsonObject root = base.get().copy();
    if (configFile != null) {
      try {
        root.mergeIn(new JsonObject(Files.readString(configFile)), true);
      } catch (IOException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "cannot read " + configFile + ": " + e.getMessage());
      }
    }
    JsonObject store = section(root, "store");
    JsonObject redis = section(store, "redis");
    JsonObject couch = section(store, "couchdb");
    JsonObject syncer = section(root, "syncer");
    put(redis, "url", redisUrl);
    put(redis, "type", redisType);
    put(redis, "prefix", redisPrefix);
    put(redis, "shards", redisShards);
    put(couch, "url", couchUrl);
    put(couch, "database", couchDatabase);
    put(syncer, "batchSize", batch);
    put(syncer, "group", group);
    put(syncer, "consumer", consumer);
    put(syncer, "claimIdleMs", claimIdleMs);
    put(syncer, "pollMs", pollMs);
    put(syncer, "warmIndexes", warmIndexes);
    return root;
  }

  private static JsonObject section(JsonObject parent, String name) {
    JsonObject s = parent.getJsonObject(name);
    if (s == null) {
      s = new JsonObject();
      parent.put(name, s);
    }
    return s;
  }

  private static void put(JsonObject o, String key, Object value) {
    if (value != null) {
      o.put(key, value);
    }
  }

  /** Blocks the command-line thread until {@code f} completes; its failure is thrown. */
  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw c instanceof RuntimeException r ? r : new IllegalStateException(c);
    }
  }

  /**
   * Runs {@code body} with both ends connected (Redis and CouchDB, through a Vert.x instance of its
   * own); everything is closed afterwards.
   */
  static int withEndpoints(
      SyncerConfig config, java.util.function.Function<Endpoints, Integer> body) {
    Vertx vertx = Vertx.vertx();
    try {
      Endpoints ends = await(Endpoints.open(vertx, config));
      try {
        return body.apply(ends);
      } finally {
        await(ends.close());
      }
    } finally {
      await(vertx.close());
    }
  }

  /** Stand-alone entry point (the service's main adds this command as {@code syncer}). */
  public static void main(String[] args) {
    System.exit(new CommandLine(new SyncerCommand()).execute(args));
  }
}
