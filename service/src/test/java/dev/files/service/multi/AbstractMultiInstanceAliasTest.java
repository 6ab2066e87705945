package dev.files.service.multi;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.files.model.FileRecord;
import dev.files.model.Status;
import dev.files.service.CountingActions;
import dev.files.service.Http;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One alias claimed at the same moment for three different files of one owner, each claim through
 * another instance: exactly one wins, the others get {@code 409 alias-taken}, and every instance
 * then resolves the alias to the winner while the losers hold no alias. Subclasses name the store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractMultiInstanceAliasTest {
  private static final int INSTANCES = 3;
  private static final int ROUNDS = 12;

  private Instances instances;

  /** The store configuration as environment variables; called once before the instances start. */
  protected abstract Map<String, String> stores();

  @BeforeAll
  void start() {
    instances = Instances.start(INSTANCES, stores(), new CountingActions(0, Set.of()));
  }

  @AfterAll
  void stop() {
    if (instances != null) {
      instances.close();
    }
  }

  @Test
  void exactlyOneOfConcurrentClaimsWinsAnAlias() {
    for (int round = 0; round < ROUNDS; round++) {
      String owner = Instances.user();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < INSTANCES; i++) {
        ids.add(processed(owner));
      }
      String alias = "holiday-" + round;
      List<Http.Reply> replies = claimAtOnce(owner, ids, alias);

      String winner = null;
      for (int i = 0; i < INSTANCES; i++) {
        Http.Reply r = replies.get(i);
        if (r.status() == 200) {
          assertNull(winner, "a second winner: " + r.body());
          winner = ids.get(i);
        } else {
          assertEquals(409, r.status(), r.body());
          assertEquals("alias-taken", r.error().getString("code"), r.body());
        }
      }
      String holder = winner;
      assertEquals(true, holder != null, "nobody won " + alias + ": " + bodies(replies));
      for (int i = 0; i < INSTANCES; i++) {
        Http h = instances.http(i);
        JsonObject byAlias =
            Instances.ok(
                    h.post(
                        "/files/info", new JsonObject().put("username", owner).put("alias", alias)),
                    "info by alias")
                .getJsonObject("file");
        assertEquals(holder, byAlias.getString("uploadId"), "instance " + i + " resolves " + alias);
        JsonArray head =
            Instances.ok(
                    h.post(
                        "/files/head",
                        new JsonObject()
                            .put("username", owner)
                            .put("aliases", new JsonArray().add(alias))),
                    "head")
                .getJsonArray("uploadIds");
        assertEquals(holder, head.getString(0));
        String id = ids.get(i);
        JsonObject file = MultiInstanceProcessingIT.info(h, owner, id);
        assertEquals(id.equals(holder) ? alias : null, file.getString("alias"), file.encode());
      }
      // the loser takes the alias once the winner lets it go: the index followed both writes
      String loser = ids.stream().filter(id -> !id.equals(holder)).findFirst().orElseThrow();
      update(0, owner, holder, new JsonObject().put("alias", alias + "-moved"));
      assertEquals(200, update(1, owner, loser, new JsonObject().put("alias", alias)).status());
    }
  }

  private List<Http.Reply> claimAtOnce(String owner, List<String> ids, String alias) {
    List<CompletableFuture<Http.Reply>> all = new ArrayList<>();
    for (int i = 0; i < INSTANCES; i++) {
      int n = i;
      all.add(
          CompletableFuture.supplyAsync(
              () -> update(n, owner, ids.get(n), new JsonObject().put("alias", alias)),
              Instances.CALLERS));
    }
    return all.stream().map(CompletableFuture::join).toList();
  }

  private Http.Reply update(int instance, String owner, String id, JsonObject meta) {
    return instances
        .http(instance)
        .post(
            "/files/update",
            new JsonObject().put("username", owner).put("uploadId", id).put("meta", meta));
  }

  /** A processed record of {@code owner}, written to the shared store directly. */
  private String processed(String owner) {
    long now = System.currentTimeMillis();
    FileRecord r =
        FileRecord.builder()
            .uploadId(UUID.randomUUID().toString())
            .owner(owner)
            .status(Status.PROCESSED)
            .name("photo")
            .startedAt(now)
            .uploadedAt(now)
            .processedAt(now)
            .build();
    return await(instances.servers.get(0).stores().primary().create(r)).uploadId();
  }

  private static String bodies(List<Http.Reply> replies) {
    return replies.stream().map(Http.Reply::body).toList().toString();
  }
}
