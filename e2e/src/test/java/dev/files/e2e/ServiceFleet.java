package dev.files.e2e;

import dev.files.service.cluster.TestCluster;
import dev.files.store.couchdb.CouchDbTestServer;
import dev.files.store.redis.RedisTestCluster;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The service instances of the end-to-end test, each a child JVM ({@code files serve}): clustered
 * on loopback (one more member slot for the client), the primary store on a fresh keyspace of the
 * real Redis Cluster, lists on a fresh CouchDB database, the syncer follower in each (one consumer
 * of the one group each), and local storage on <b>one data directory with one signing secret</b>,
 * so that any instance can take a PUT, continue a resumable session or read the bytes of an upload
 * another instance signed; their storage URLs go through the {@link StorageBalancer}.
 *
 * <p>Timers are short so that a killed instance's work is taken over within seconds: the reconciler
 * runs every 2 s, a processing lease lasts 5 s, an upload {@code uploaded} for 3 s is processed
 * again, and the syncer claims a dead consumer's entries after 3 s.
 */
final class ServiceFleet implements AutoCloseable {
  static final String ADMIN = "e2e-admin";
  static final Duration START_LIMIT = Duration.ofSeconds(120);
  private static final Pattern SERVING = Pattern.compile("files is serving at (http://\\S+)");
  private static final Pattern JOINED = Pattern.compile("joined cluster as node \\S+ with (\\d+)");

  private final Path work;
  private final TestCluster cluster;
  private final JsonObject redis;
  private final String couchUrl;
  private final String couchDatabase;
  private final String secret = UUID.randomUUID().toString();
  private final String storageUrl;
  private final List<ChildJvm> instances = new ArrayList<>();
  private final List<String> baseUrls = new ArrayList<>();

  /** {@code size} instances (not started) plus one cluster slot for a client. */
  ServiceFleet(Path work, int size, String storageUrl) {
    this.work = work;
    this.cluster = new TestCluster(size + 1);
    this.redis = RedisTestCluster.shared().freshConfig(4);
    CouchDbTestServer couch = CouchDbTestServer.shared();
    this.couchUrl = couch.url();
    this.couchDatabase = couch.freshDatabase();
    this.storageUrl = storageUrl;
    for (int i = 0; i < size; i++) {
      instances.add(null);
      baseUrls.add(null);
    }
  }

  /**
   * Starts the first instance, then the others together (they join the first, so no instance forms
   * a cluster of its own), each checked to have joined the others.
   */
  void start() {
    Path data = work.resolve("data");
    try {
      Files.createDirectories(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    startInstance(0, data);
    List<CompletableFuture<Void>> rest = new ArrayList<>();
    for (int i = 1; i < instances.size(); i++) {
      int index = i;
      rest.add(CompletableFuture.runAsync(() -> startInstance(index, data)));
    }
    rest.forEach(CompletableFuture::join);
  }

  private void startInstance(int index, Path data) {
    Map<String, String> env = new HashMap<>(cluster.env(index));
    env.putAll(storesEnv());
    env.put("FILES_HTTP_HOST", "127.0.0.1");
    env.put("FILES_HTTP_PORT", "0");
    env.put("FILES_HTTP_PUBLICURL", storageUrl);
    env.put("FILES_DATA_DIR", data.toAbsolutePath().toString());
    env.put("FILES_STORAGE_TYPE", "local");
    env.put("FILES_STORAGE_LOCAL_SECRET", secret);
    env.put("FILES_AUTH_ADMINS", ADMIN);
    env.put("FILES_SYNCER_ENABLED", "true");
    env.put("FILES_SYNCER_CONSUMER", "files-" + index);
    env.put("FILES_SYNCER_POLLMS", "100");
    env.put("FILES_SYNCER_CLAIMIDLEMS", "3000");
    env.put("FILES_RECONCILE_INTERVAL", "2s");
    env.put("FILES_PROCESSING_LEASE", "5s");
    env.put("FILES_PROCESSING_STUCKAFTER", "3s");
    env.put("FILES_PROCESSING_RETRYDELAY", "200ms");
    ChildJvm jvm =
        ChildJvm.start(
            "files-" + index,
            "dev.files.service.Main",
            List.of("serve"),
            env,
            data,
            work.resolve("files-" + index + ".log"));
    synchronized (instances) {
      instances.set(index, jvm);
    }
    String url = jvm.awaitLine(SERVING, START_LIMIT);
    int members = Integer.parseInt(jvm.awaitLine(JOINED, Duration.ofSeconds(5)));
    if (index > 0 && members < 2) {
      throw new IllegalStateException("files-" + index + " formed a cluster of its own");
    }
    synchronized (instances) {
      baseUrls.set(index, url);
    }
  }

  /** The stores' variables, shared by the instances and {@code files syncer verify}. */
  Map<String, String> storesEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("FILES_STORE_PRIMARY", "redis");
    env.put("FILES_STORE_REDIS_TYPE", redis.getString("type"));
    env.put("FILES_STORE_REDIS_URL", redis.getString("url"));
    env.put("FILES_STORE_REDIS_PREFIX", redis.getString("prefix"));
    env.put("FILES_STORE_REDIS_SHARDS", Integer.toString(redis.getInteger("shards")));
    env.put("FILES_STORE_LIST", "couchdb");
    env.put("FILES_STORE_COUCHDB_URL", couchUrl);
    env.put("FILES_STORE_COUCHDB_DATABASE", couchDatabase);
    return env;
  }

  /** The variables that make a plain clustered Vert.x join as the client's member. */
  Map<String, String> clientClusterEnv() {
    return cluster.env(instances.size());
  }

  int size() {
    return instances.size();
  }

  ChildJvm instance(int index) {
    synchronized (instances) {
      return instances.get(index);
    }
  }

  String baseUrl(int index) {
    synchronized (instances) {
      return baseUrls.get(index);
    }
  }

  List<String> baseUrls() {
    synchronized (instances) {
      return List.copyOf(baseUrls);
    }
  }

  /** Every instance's log, the killed one's included. */
  List<String> logs() {
    List<String> logs = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      logs.add(instance(i).logText());
    }
    return logs;
  }

  @Override
  public void close() {
    for (int i = 0; i < size(); i++) {
      ChildJvm jvm = instance(i);
      if (jvm != null) {
        jvm.close();
      }
    }
  }
}
