package dev.files.client;

import static dev.files.testing.Await.await;

import dev.files.service.FilesServer;
import dev.files.service.TestServers;
import dev.files.service.cluster.TestCluster;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

/**
 * A clustered service (memory store, local storage on disk, real HTTP on a free port) and a second
 * clustered Vert.x node for the client. Two proxies sit in front of the service's HTTP port: one is
 * the storage's public URL (so upload bytes cross it), the other is for API calls.
 */
final class ServiceFixture {
  final Vertx tools = Vertx.vertx();
  final TcpProxy storageProxy = new TcpProxy(tools);
  final TcpProxy apiProxy = new TcpProxy(tools);
  final FilesServer server;
  final Vertx node;

  ServiceFixture(Map<String, String> extraEnv) throws Exception {
    await(storageProxy.listen());
    await(apiProxy.listen());
    TestCluster cluster = new TestCluster(2);
    Map<String, String> env = new HashMap<>(cluster.env(0));
    env.put("FILES_DATA_DIR", Files.createTempDirectory("files-client").toString());
    env.put("FILES_HTTP_PUBLICURL", storageProxy.url());
    env.put("FILES_RECONCILE_INTERVAL", "0");
    env.put("FILES_PROCESSING_RETRYDELAY", "20ms");
    env.putAll(extraEnv);
    server = TestServers.start(FilesServer.builder(TestServers.config(env)));
    storageProxy.target(server.port());
    apiProxy.target(server.port());
    node = cluster.node(1, Map.of());
  }

  void close() {
    if (node != null) {
      await(node.close());
    }
    TestServers.stop(server);
    await(tools.close());
  }

  static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** A files.upload request for one part holding {@code bytes}. */
  static JsonObject uploadRequest(String owner, byte[] bytes, boolean resumable) throws Exception {
    String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    return new JsonObject()
        .put("username", owner)
        .put("resumable", resumable)
        .put(
            "files",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("type", "original")
                        .put("contentType", "application/octet-stream")
                        .put("contentLength", bytes.length)
                        .put("md5Hash", md5)
                        .put("originalName", "data.bin")))
        .put("meta", new JsonObject().put("name", "from the client"));
  }
}
