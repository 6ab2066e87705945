package dev.files.service.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.config.ConfigType;
import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.store.couchdb.CouchDbStoreConfig;
import dev.files.store.redis.RedisStoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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
                "FILES_STORE_COUCHDB_REQUESTTIMEOUTMS", "60000",
                "FILES_SYNCER_ENABLED", "TRUE"));
    assertEquals(1000L, c.get("upload.maxSize"));
    assertEquals(List.of("image/*", "application/pdf"), c.list("upload.allowedTypes"));
    assertEquals("abc", c.string("auth.jwt.publicKey"));
    assertEquals(60000L, c.storeConfig("couchdb").getValue("requestTimeoutMs"));
    assertEquals(true, c.syncerEnabled());
  }

  @Test
  void theIssuesVariablesReachTheBackendsThatRead() {
    ServiceConfig c =
        ConfigLoader.load(
            null,
            Map.of(
                "FILES_STORE_REDIS_NAMEGRAMS", "true",
                "FILES_STORE_COUCHDB_REQUESTTIMEOUTMS", "60000",
                "FILES_STORE_COUCHDB_CONNECTTIMEOUTMS", "7000",
                "FILES_STORE_SQLITE_CHANGESRETAINED", "10"));
    assertTrue(RedisStoreConfig.from(c.storeConfig("redis")).nameGrams());
    CouchDbStoreConfig couch = CouchDbStoreConfig.from(c.storeConfig("couchdb"));
    assertEquals(60000L, couch.requestTimeoutMs());
    assertEquals(7000L, couch.connectTimeoutMs());
    assertEquals(10L, c.storeConfig("sqlite").getValue("changesRetained"));
  }

  @Test
  void anUnknownVariableStopsTheLoadNamingItAndTheKeyItProbablyMeant() {
    FileError e =
        assertThrows(
            FileError.class,
            () -> ConfigLoader.load(null, Map.of("FILES_STORE_REDIS_NAMEGRAM", "true")));
    assertEquals(ErrorCode.VALIDATION, e.code());
    assertEquals(
        List.of(
            "unknown variable FILES_STORE_REDIS_NAMEGRAM (did you mean"
                + " FILES_STORE_REDIS_NAMEGRAMS (key store.redis.nameGrams)?)"),
        e.details());
  }

  @Test
  void anUnknownFileKeyStopsTheLoadNamingItAndTheKeyItProbablyMeant() throws Exception {
    Path file = dir.resolve("files.yaml");
    Files.writeString(
        file,
        """
        htpp:
          port: 9000
        store:
          redis:
            namegrams: true
        storage:
          type: gcs
          bucket: media
        """);
    FileError e = assertThrows(FileError.class, () -> ConfigLoader.load(file, Map.of()));
    assertEquals(
        List.of(
            "unknown key htpp in " + file + " (did you mean http?)",
            "unknown key store.redis.namegrams in "
                + file
                + " (did you mean store.redis.nameGrams?)",
            "unknown key storage.bucket in "
                + file
                + " (did you mean storage.gcs.bucket or storage.local.bucket?)"),
        e.details());
  }

  @Test
  void aVariableFarFromAnyKeyIsRefusedWithoutASuggestion() {
    FileError e =
        assertThrows(FileError.class, () -> ConfigLoader.load(null, Map.of("FILES_QUUX", "1")));
    assertEquals(List.of("unknown variable FILES_QUUX"), e.details());
  }

  @Test
  void variablesThatAreNotKeysAreLeftAlone() {
    Map<String, String> env = new HashMap<>();
    EnvironmentNames.NOT_KEYS.keySet().forEach(v -> env.put(v, "-Xmx64m"));
    env.put("PATH", "/usr/bin");
    env.put("files_http_port", "1");
    ServiceConfig c = ConfigLoader.load(null, env);
    assertEquals(8080, c.httpPort());
  }

  @Test
  void aBadValueIsRefusedNamingTheKeyTheSourceAndTheType() throws Exception {
    Path file = dir.resolve("files.yaml");
    Files.writeString(file, "http: {port: eighty}\nstore: redis\n");
    FileError e =
        assertThrows(
            FileError.class,
            () ->
                ConfigLoader.load(
                    file,
                    Map.of(
                        "FILES_UPLOAD_TTL", "soon",
                        "FILES_STORE_REDIS_TYPE", "clustr",
                        "FILES_SYNCER_ENABLED", "yes")));
    assertEquals(
        List.of(
            "http.port (" + file + "): 'eighty' is not an integer",
            "store (" + file + ") is a section: set the keys under it",
            "store.redis.type (FILES_STORE_REDIS_TYPE): 'clustr' is not one of standalone,"
                + " cluster",
            "syncer.enabled (FILES_SYNCER_ENABLED): 'yes' is not true or false",
            "upload.ttl (FILES_UPLOAD_TTL): 'soon' is not " + ConfigType.DURATION.description()),
        e.details());
  }

  @Test
  void aNullInTheFileLeavesTheDefault() throws Exception {
    Path file = dir.resolve("files.yaml");
    Files.writeString(file, "http: {port: ~}\nstore: {redis: {shards: ~}}\n");
    ServiceConfig c = ConfigLoader.load(file, Map.of());
    assertEquals(8080, c.httpPort());
    assertEquals(16L, c.storeConfig("redis").getValue("shards"));
  }

  @Test
  void anUnreadableFileIsRefusedNamingIt() {
    Path missing = dir.resolve("missing.yaml");
    FileError e = assertThrows(FileError.class, () -> ConfigLoader.load(missing, Map.of()));
    assertTrue(e.getMessage().startsWith("cannot read config file " + missing), e.getMessage());
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
