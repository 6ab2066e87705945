package dev.files.syncer;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.store.ListQuery;
import dev.files.store.couchdb.CouchDbFileStore;
import dev.files.store.couchdb.CouchDbStoreConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * With {@code syncer.warmIndexes} the follower brings CouchDB's list indexes up to date before it
 * acknowledges a batch, and the backfill builds them at its end: once the lag is 0, a list that
 * reads indexes without updating them ({@code store.couchdb.staleLists}) sees every write.
 */
class WarmIndexesIT extends SyncerTestBase {

  @Test
  void aStaleListSeesEveryWriteOnceTheLagIsZero() {
    createMany(30, 10);
    JsonObject warm = root.copy();
    warm.getJsonObject("syncer").put("warmIndexes", true);
    SyncerConfig c = SyncerConfig.from(warm);
    Backfill backfill = new Backfill(c, ends, metrics);
    assertTrue(await(backfill.run(false)).finished());
    assertTrue(backfill.indexSeconds() >= 0, "the backfill built the indexes");

    JsonObject couch = warm.getJsonObject("store").getJsonObject("couchdb");
    CouchDbFileStore stale =
        await(CouchDbFileStore.open(vertx, CouchDbStoreConfig.from(couch).withStaleLists(true)));
    try {
      assertEquals(30, await(stale.list(ListQuery.listed())).total());

      String id =
          await(
              vertx.deployVerticle(
                  new SyncerVerticle(metrics), new DeploymentOptions().setConfig(warm)));
      createMany(20, 10);
      eventually(30, () -> metrics.acked() >= 20 && metrics.lagEntries() == 0, metrics::toString);
      assertEquals(50, await(stale.list(ListQuery.listed())).total());
      assertTrue(metrics.indexWarms() > 0, metrics.snapshot().encode());
      await(vertx.undeploy(id));
    } finally {
      stale.close();
    }
  }
}
