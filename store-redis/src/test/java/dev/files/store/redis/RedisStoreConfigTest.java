package dev.files.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The connection strings of {@code url}: one node, or several nodes of a cluster. */
class RedisStoreConfigTest {
  @Test
  void oneUrlIsOneEndpoint() {
    assertEquals(
        List.of("redis://h:1"),
        RedisStoreConfig.from(new JsonObject().put("url", "redis://h:1")).endpoints());
  }

  @Test
  void aClusterTakesSeveralNodes() {
    var config =
        new JsonObject().put("type", "cluster").put("url", "redis://a:1, redis://b:2,redis://c:3");
    assertEquals(
        List.of("redis://a:1", "redis://b:2", "redis://c:3"),
        RedisStoreConfig.from(config).endpoints());
  }

  @Test
  void severalNodesNeedACluster() {
    var config = new JsonObject().put("url", "redis://a:1,redis://b:2");
    FileError e = assertThrows(FileError.class, () -> RedisStoreConfig.from(config));
    assertEquals(ErrorCode.VALIDATION, e.code());
  }

  @Test
  void anEmptyNodeIsRefused() {
    var config = new JsonObject().put("type", "cluster").put("url", "redis://a:1,,redis://b:2");
    FileError e = assertThrows(FileError.class, () -> RedisStoreConfig.from(config));
    assertEquals(ErrorCode.VALIDATION, e.code());
  }

  @Test
  void waitingForReplicasIsOffByDefaultAndMustFitInOneRoundTrip() {
    assertEquals(0, RedisStoreConfig.from(new JsonObject()).waitReplicas());
    JsonObject tooLong =
        new JsonObject().put("waitReplicas", 1).put("waitTimeoutMs", 5000).put("timeoutMs", 5000);
    FileError e = assertThrows(FileError.class, () -> RedisStoreConfig.from(tooLong));
    assertEquals(ErrorCode.VALIDATION, e.code());
    JsonObject negative = new JsonObject().put("waitReplicas", -1);
    assertEquals(
        ErrorCode.VALIDATION,
        assertThrows(FileError.class, () -> RedisStoreConfig.from(negative)).code());
    assertEquals(
        1,
        RedisStoreConfig.from(new JsonObject().put("waitReplicas", 1).put("waitTimeoutMs", 100))
            .waitReplicas());
  }
}
