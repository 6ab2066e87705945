package dev.files.service.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.blob.BlobStorageProvider;
import dev.files.blob.StorageBackend;
import dev.files.service.config.ConfigLoader;
import dev.files.service.config.ServiceConfig;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Storage is opened by {@code storage.type} through the providers on the class path. */
class StoragesTest {
  @TempDir Path dataDir;

  @Test
  void everyStorageTheServiceShipsRegistersAProvider() {
    Set<String> names =
        ServiceLoader.load(BlobStorageProvider.class).stream()
            .map(p -> p.get().name())
            .collect(Collectors.toSet());
    assertEquals(Set.of("local", "gcs", "memory"), names);
  }

  @Test
  void anUnknownTypeNamesTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BlobStorageProvider.named("s3"));
    assertTrue(e.getMessage().contains("'s3'"), e.getMessage());
    assertTrue(e.getMessage().contains("local"), e.getMessage());
  }

  @Test
  void localStorageOpensUnderTheDataDirWithThePublicUrl() throws Exception {
    ServiceConfig config = ConfigLoader.load(null, Map.of("FILES_DATA_DIR", dataDir.toString()));
    Vertx vertx = Vertx.vertx();
    try {
      StorageBackend storage =
          Storages.open(vertx, config, "http://files.example:9000")
              .toCompletionStage()
              .toCompletableFuture()
              .get(60, TimeUnit.SECONDS);
      String url = storage.storage().directUrl(storage.storage().bucket(), "o/1/a.png");

      assertEquals("local", storage.name());
      assertEquals("http://files.example:9000/blobs/files/o/1/a.png", url);
      assertTrue(dataDir.resolve("blobs").toFile().isDirectory());
      assertEquals(1, storage.routes(event -> null).size());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }
}
