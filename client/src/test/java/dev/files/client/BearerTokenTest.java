package dev.files.client;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.service.FilesServer;
import dev.files.service.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** FilesClient over HTTP against a service in {@code auth.mode=jwt}: the bearer token option. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BearerTokenTest {
  private static final String SECRET = "a-client-test-secret-long-enough-for-hs256";
  private final Vertx vertx = Vertx.vertx();
  private FilesServer server;

  @BeforeAll
  void start() throws Exception {
    server =
        TestServers.start(
            FilesServer.builder(
                TestServers.config(
                    Map.of(
                        "FILES_DATA_DIR", Files.createTempDirectory("files-jwt").toString(),
                        "FILES_RECONCILE_INTERVAL", "0",
                        "FILES_AUTH_MODE", "jwt",
                        "FILES_AUTH_JWT_SECRET", SECRET,
                        "FILES_AUTH_JWT_ISSUER", "https://issuer.test",
                        "FILES_AUTH_JWT_AUDIENCE", "files"))));
  }

  @AfterAll
  void stop() {
    TestServers.stop(server);
    await(vertx.close());
  }

  @Test
  void aTokenIdentifiesTheCaller() throws Exception {
    String user = "jwt-" + UUID.randomUUID();
    FilesClient files =
        FilesClient.overHttp(
            vertx, server.baseUrl(), new FilesClientOptions().setBearerToken(token(user)));
    JsonObject pending =
        await(files.upload(ServiceFixture.uploadRequest(user, new byte[] {4, 2}, false)));
    assertEquals(user, pending.getString("owner"));
  }

  @Test
  void withoutATokenTheCallIsUnauthenticated() throws Exception {
    FileError error =
        FilesClientTest.failure(
            FilesClient.overHttp(vertx, server.baseUrl())
                .upload(ServiceFixture.uploadRequest("anyone", new byte[] {1}, false)));
    assertEquals(ErrorCode.UNAUTHENTICATED, error.code());
    assertEquals(401, error.status());
  }

  @Test
  void anotherUsersNameInTheBodyIsForbidden() throws Exception {
    FilesClient files =
        FilesClient.overHttp(
            vertx, server.baseUrl(), new FilesClientOptions().setBearerToken(token("mallory")));
    FileError error =
        FilesClientTest.failure(
            files.upload(ServiceFixture.uploadRequest("alice", new byte[] {1}, false)));
    assertEquals(ErrorCode.FORBIDDEN, error.code());
  }

  private String token(String subject) {
    JWTAuth signer =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(SECRET)));
    return signer.generateToken(
        new JsonObject(),
        new JWTOptions()
            .setAlgorithm("HS256")
            .setIssuer("https://issuer.test")
            .addAudience("files")
            .setSubject(subject)
            .setExpiresInMinutes(5));
  }
}
