package dev.files.service.cluster;

import static dev.files.service.TestServers.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.service.FilesServer;
import dev.files.service.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two clustered Vert.x nodes on loopback (TCP/IP join, a fixed member list of free ports): the
 * service in one, a plain Vert.x in the other. Requests sent on the second node's event bus are
 * answered by the first, replies and failures alike.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusteredEventBusTest {
  private final TestCluster cluster = new TestCluster(2);
  private FilesServer server;
  private Vertx peer;

  @BeforeAll
  void start() throws Exception {
    Path dataDir = Files.createTempDirectory("files-cluster");
    Map<String, String> env = cluster.env(0);
    env.put("FILES_DATA_DIR", dataDir.toString());
    env.put("FILES_RECONCILE_INTERVAL", "0");
    server = TestServers.start(FilesServer.builder(TestServers.config(env)));
    peer = cluster.node(1, Map.of());
  }

  @AfterAll
  void stop() {
    if (peer != null) {
      await(peer.close());
    }
    TestServers.stop(server);
  }

  @Test
  void bothNodesAreMembersOfOneCluster() {
    assertTrue(server.vertx().isClustered());
    assertTrue(peer.isClustered());
    String serviceNode = ((VertxInternal) server.vertx()).clusterManager().getNodeId();
    var peerManager = ((VertxInternal) peer).clusterManager();
    assertNotEquals(serviceNode, peerManager.getNodeId());
    assertTrue(peerManager.getNodes().contains(serviceNode), "the peer sees the service's node");
  }

  @Test
  void anUploadAndItsInfoSentFromTheOtherNodeAreAnsweredByTheService() {
    String owner = "bus-" + UUID.randomUUID();
    JsonObject upload =
        new JsonObject()
            .put("username", owner)
            .put("resumable", false)
            .put(
                "files",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("type", "original")
                            .put("contentType", "text/plain")
                            .put("contentLength", 12)
                            .put("md5Hash", "0123456789abcdef0123456789abcdef")))
            .put("meta", new JsonObject().put("name", "over the cluster"));

    JsonObject pending = await(TestCluster.request(peer, "files.upload", upload));
    assertEquals("pending", pending.getString("status"));
    assertEquals(owner, pending.getString("owner"));
    String location = pending.getJsonArray("files").getJsonObject(0).getString("location");
    assertTrue(location.startsWith(server.baseUrl()), "signed by the service: " + location);

    JsonObject info =
        await(
            TestCluster.request(
                peer,
                "files.info",
                new JsonObject()
                    .put("username", owner)
                    .put("uploadId", pending.getString("uploadId"))));
    assertEquals(owner, info.getString("username"));
    assertEquals("over the cluster", info.getJsonObject("file").getString("name"));
    assertNotNull(info.getJsonObject("file").getLong("startedAt"));
  }

  @Test
  void aFailureCrossesTheClusterAsTheApiError() {
    JsonObject request =
        new JsonObject().put("username", "nobody").put("uploadId", UUID.randomUUID().toString());
    AssertionError failed =
        assertThrows(
            AssertionError.class, () -> await(TestCluster.request(peer, "files.info", request)));
    ReplyException reply = (ReplyException) failed.getCause().getCause();
    assertEquals(404, reply.failureCode());
    assertEquals(
        "not-found", new JsonObject(reply.getMessage()).getJsonObject("error").getString("code"));
  }
}
