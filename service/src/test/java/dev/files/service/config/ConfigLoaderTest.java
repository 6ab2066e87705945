package dev.files.service.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void defaultsApplyWithoutFileOrEnvironment() {
    ServiceConfig c = ConfigLoader.load(null, Map.of());
    assertEquals("127.0.0.1", c.httpHost());
    assertEquals(8080, c.httpPort());
    assertEquals(Path.of("./data"), c.dataDir());
    assertEquals("trusted", c.authMode());
    assertEquals(Set.of(), c.admins());
    assertEquals("sqlite", c.storePrimary());
    assertEquals("sqlite", c.storeList());
    assertEquals("local", c.storageType());
    assertEquals(Duration.ofMinutes(1), c.duration("reconcile.interval"));
  }

  @Test
  void aYamlFileOverridesDefaultsAndTheEnvironmentOverridesTheFile() throws Exception {
    Path file = dir.resolve("files.yaml");
    Files.writeString(
        file,
        """
        http:
          port: 9000
          host: 0.0.0.0
        auth:
          admins: [root]
        store:
          primary: redis
          redis:
            url: redis://file:6379
        """);
    ServiceConfig c =
        ConfigLoader.load(
            file,
            Map.of(
                "FILES_HTTP_PORT", "9100",
                "FILES_STORE_REDIS_URL", "redis://env:6379",
                "FILES_AUTH_ADMINS", "ann, bob",
                "PATH", "/usr/bin"));
    assertEquals(9100, c.httpPort());
    assertEquals("0.0.0.0", c.httpHost());
    assertEquals(Set.of("ann", "bob"), c.admins());
    assertEquals("redis", c.storePrimary());
    assertEquals("sqlite", c.storeList());
    assertEquals("redis://env:6379", c.storeConfig("redis").getString("url"));
  }

  @Test
  void aJsonFileWorksToo() throws Exception {
    Path file = dir.resolve("files.json");
    Files.writeString(file, "{\"http\": {\"port\": 7000}, \"data\": {\"dir\": \"/var/files\"}}");
    ServiceConfig c = ConfigLoader.load(file, Map.of());
    assertEquals(7000, c.httpPort());
    assertEquals(Path.of("/var/files"), c.dataDir());
    assertEquals(
        "/var/files", c.storeConfig("sqlite").getString("data.dir"), "backends get data.dir");
  }

  @Test
  void environmentMatchesCamelCaseKeysAndTakesTheirTypes() {
    ServiceConfig c =
        ConfigLoader.load(
            null,
            Map.of(
                "FILES_UPLOAD_MAXSIZE", "1000",
                "FILES_UPLOAD_ALLOWEDTYPES", "image/*,application/pdf",
                "FILES_AUTH_JWT_PUBLICKEY", "abc",
                "FILES_STORE_COUCHDB_BATCH", "50",
                "FILES_STORE_COUCHDB_CREATE", "true"));
    assertEquals(1000L, c.get("upload.maxSize"));
    assertEquals(List.of("image/*", "application/pdf"), c.list("upload.allowedTypes"));
    assertEquals("abc", c.string("auth.jwt.publicKey"));
    assertEquals(50L, c.storeConfig("couchdb").getValue("batch"));
    assertEquals(true, c.storeConfig("couchdb").getValue("create"));
  }

  @Test
  void backendKeysFindTheirCamelCaseNamesAndUnsetOnesStayAbsent() {
    ServiceConfig c =
        ConfigLoader.load(
            null,
            Map.of(
                "FILES_STORE_SQLITE_BUSYTIMEOUTMS", "100",
                "FILES_STORAGE_GCS_PUBSUB_PUSHTOKEN", "t0ken",
                "FILES_STORAGE_LOCAL_CORSORIGINS", "https://a.example,https://b.example"));
    assertEquals(100L, c.storeConfig("sqlite").getValue("busyTimeoutMs"));
    assertEquals(false, c.storeConfig("sqlite").containsKey("path"), "unset keys are absent");
    assertEquals("t0ken", c.section("storage.gcs").getJsonObject("pubsub").getString("pushToken"));
    assertEquals(
        List.of("https://a.example", "https://b.example"),
        c.storageConfig("local").getJsonArray("corsOrigins").getList());
  }

  @Test
  void durationsTakeUnits() {
    assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
    assertEquals(Duration.ofSeconds(90), Durations.parse("90"));
    assertEquals(Duration.ofSeconds(5), Durations.parse(5));
    assertEquals(Duration.ofHours(24), Durations.parse("24h"));
    assertEquals(Duration.ofDays(30), Durations.parse("30d"));
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("soon"));
  }
}
