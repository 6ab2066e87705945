package dev.files.service.multi;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.model.FileRecord;
import dev.files.model.Status;
import dev.files.service.CountingActions;
import dev.files.service.FilesServer;
import dev.files.service.faults.FaultProxy;
import dev.files.store.FileStore;
import dev.files.store.couchdb.CouchDbTestServer;
import dev.files.store.redis.RedisTestServer;
import dev.files.syncer.Endpoints;
import dev.files.syncer.SyncerConfig;
import dev.files.syncer.SyncerMetrics;
import dev.files.syncer.Verifier;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The syncer follower in each of three instances, all consumers of one group on Redis's change
 * streams, copying to one CouchDB (pouchdb-server). The third instance reaches CouchDB through a
 * proxy that freezes: it reads entries it cannot apply and is stopped with them unacknowledged; the
 * others claim them once idle, and CouchDB ends in parity with Redis (the syncer's verifier).
 */
class MultiInstanceSyncerIT {
  private static final int INSTANCES = 3;
  private static final int SHARDS = 4;
  private static final int RECORDS = 60;
  private static final String GROUP = "files-syncer";

  private static Instances instances;
  private static FaultProxy proxy;
  private static String prefix;
  private static Redis redis;

  @BeforeAll
  static void start() {
    RedisTestServer redisServer = RedisTestServer.shared();
    CouchDbTestServer couch = CouchDbTestServer.shared();
    prefix = redisServer.uniquePrefix();
    proxy = FaultProxy.to(URI.create(couch.url()).getPort());
    String viaProxy = "http://127.0.0.1:" + proxy.port();
    Map<String, String> env = new HashMap<>();
    env.put("FILES_STORE_PRIMARY", "redis");
    env.put("FILES_STORE_LIST", "couchdb");
    env.put("FILES_STORE_REDIS_URL", redisServer.url());
    env.put("FILES_STORE_REDIS_PREFIX", prefix);
    env.put("FILES_STORE_REDIS_SHARDS", Integer.toString(SHARDS));
    env.put("FILES_STORE_COUCHDB_URL", couch.url());
    env.put("FILES_STORE_COUCHDB_DATABASE", couch.freshDatabase());
    env.put("FILES_SYNCER_ENABLED", "true");
    env.put("FILES_SYNCER_GROUP", GROUP);
    env.put("FILES_SYNCER_BATCHSIZE", "10");
    env.put("FILES_SYNCER_POLLMS", "50");
    env.put("FILES_SYNCER_CLAIMIDLEMS", "1500");
    instances =
        Instances.start(
            INSTANCES,
            env,
            new CountingActions(0, Set.of()),
            i ->
                i == INSTANCES - 1
                    ? Map.of(
                        "FILES_SYNCER_CONSUMER",
                        "i" + i,
                        "FILES_STORE_COUCHDB_URL",
                        viaProxy,
                        "FILES_STORE_COUCHDB_REQUESTTIMEOUTMS",
                        "1000")
                    : Map.of("FILES_SYNCER_CONSUMER", "i" + i));
    redis = Redis.createClient(instances.servers.get(0).vertx(), redisServer.url());
  }

  @AfterAll
  static void stop() {
    if (instances != null) {
      instances.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void everyChangeReachesCouchDbAndAStoppedConsumersEntriesAreClaimed() {
    List<FileRecord> records = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      records.add(await(primary(i).create(record("owner-" + (i % 12)))));
    }
    Instances.await(() -> verify().parity(), "CouchDB in parity after the creates");

    proxy.setBoth(FaultProxy.Mode.freeze());
    int consumer = INSTANCES - 1;
    for (int round = 0; pending("i" + consumer) == 0; round++) {
      assertTrue(round < 50, "the frozen instance never read an entry");
      records = updateAll(records, round);
    }
    long stuck = pending("i" + consumer);
    instances.stop(consumer); // a clean stop with entries it could not apply
    assertEquals(stuck, pending("i" + consumer), "nothing acknowledged without CouchDB");
    proxy.setBoth(FaultProxy.Mode.close());

    records = updateAll(records, 99);
    Instances.await(
        () -> pending("i" + consumer) == 0,
        "the stopped consumer's " + stuck + " entries are claimed by another");
    Instances.await(
        () -> verify().parity() && pendingOfGroup() == 0,
        "CouchDB in parity after the claims: " + verify());
    Verifier.Report report = verify();
    assertEquals(RECORDS, report.redisRecords());
    assertEquals(RECORDS, report.couchRecords());
    for (FileRecord r : records) {
      assertEquals(r.version(), await(primary(0).get(r.uploadId())).version());
    }
    System.out.println("multi-instance syncer: " + stuck + " entries claimed from i" + consumer);
  }

  private static List<FileRecord> updateAll(List<FileRecord> records, int round) {
    List<FileRecord> out = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      FileRecord r = records.get(i);
      FileRecord next = r.toBuilder().name("round " + round).build();
      out.add(await(primary(i).update(next, r.version())));
    }
    return out;
  }

  /** The primary store of a running instance (instance 2 may be stopped). */
  private static FileStore primary(int i) {
    FilesServer s = instances.servers.get(i % (INSTANCES - 1));
    return s.stores().primary();
  }

  private static Verifier.Report verify() {
    FilesServer s = instances.servers.get(0);
    Vertx vertx = s.vertx();
    SyncerConfig config = SyncerConfig.from(s.config().syncerConfig());
    Endpoints ends = await(Endpoints.open(vertx, config));
    try {
      return await(new Verifier(config, ends, new SyncerMetrics()).run(false));
    } finally {
      await(ends.close());
    }
  }

  /** Entries delivered to {@code consumer} and not acknowledged, over every shard's stream. */
  private static long pending(String consumer) {
    long n = 0;
    for (int shard = 0; shard < SHARDS; shard++) {
      Response r =
          await(
              redis.send(
                  Request.cmd(Command.XPENDING)
                      .arg(prefix + "{s" + shard + "}:changes")
                      .arg(GROUP)
                      .arg("-")
                      .arg("+")
                      .arg(10_000)
                      .arg(consumer)));
      n += r.size();
    }
    return n;
  }

  private static long pendingOfGroup() {
    long n = 0;
    for (int shard = 0; shard < SHARDS; shard++) {
      Response r =
          await(
              redis.send(
                  Request.cmd(Command.XPENDING)
                      .arg(prefix + "{s" + shard + "}:changes")
                      .arg(GROUP)));
      n += r.get(0).toLong();
    }
    return n;
  }

  private static FileRecord record(String owner) {
    long now = System.currentTimeMillis();
    return FileRecord.builder()
        .uploadId(UUID.randomUUID().toString())
        .owner(owner)
        .status(Status.PROCESSED)
        .name("n")
        .startedAt(now)
        .uploadedAt(now)
        .processedAt(now)
        .build();
  }
}
