package dev.files.client;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FilesClient against a running clustered service, over the event bus (from another cluster node)
 * and over HTTP (real port): the same replies, the API's error codes, retries only where safe.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilesClientTest {
  private ServiceFixture fixture;

  @BeforeAll
  void start() throws Exception {
    fixture = new ServiceFixture(Map.of());
  }

  @AfterAll
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @AfterEach
  void healProxies() {
    fixture.apiProxy.reset();
  }

  private FilesClient client(String transport) {
    return switch (transport) {
      case "bus" -> FilesClient.overEventBus(fixture.node);
      case "http" -> FilesClient.overHttp(fixture.node, fixture.server.baseUrl());
      default -> throw new IllegalArgumentException(transport);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"bus", "http"})
  void anUploadAndItsInfoRoundTrip(String transport) throws Exception {
    FilesClient files = client(transport);
    String owner = "client-" + UUID.randomUUID();
    JsonObject pending =
        await(files.upload(ServiceFixture.uploadRequest(owner, new byte[] {1, 2, 3}, false)));
    assertEquals("pending", pending.getString("status"));
    JsonObject info =
        await(
            files.info(
                new JsonObject()
                    .put("username", owner)
                    .put("uploadId", pending.getString("uploadId"))));
    assertEquals(owner, info.getString("username"));
    assertEquals(pending.getString("uploadId"), info.getJsonObject("file").getString("uploadId"));
    assertEquals(3, info.getJsonObject("file").getLong("contentLength"));
    await(files.close());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bus", "http"})
  void anUnknownFileIsNotFound(String transport) {
    FileError error =
        failure(
            client(transport)
                .info(
                    new JsonObject()
                        .put("username", "nobody")
                        .put("uploadId", UUID.randomUUID().toString())));
    assertEquals(ErrorCode.NOT_FOUND, error.code());
    assertEquals(404, error.status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bus", "http"})
  void anInvalidRequestIsAValidationErrorWithDetails(String transport) {
    FileError error =
        failure(
            client(transport).info(new JsonObject().put("username", "x").put("uploadId", "nope")));
    assertEquals(ErrorCode.VALIDATION, error.code());
    assertEquals(400, error.status());
    assertTrue(!error.details().isEmpty(), "details name what failed");
  }

  @Test
  void aReadIsRetriedAfterRefusedConnections() {
    fixture.apiProxy.refuseNext(2);
    FilesClient files =
        FilesClient.overHttp(
            fixture.node,
            fixture.apiProxy.url(),
            new FilesClientOptions().setMaxRetries(3).setInitialBackoff(Duration.ofMillis(10)));
    FileError error =
        failure(
            files.info(
                new JsonObject()
                    .put("username", "nobody")
                    .put("uploadId", UUID.randomUUID().toString())));
    assertEquals(ErrorCode.NOT_FOUND, error.code(), "the third attempt reached the service");
    assertEquals(3, fixture.apiProxy.connections());
  }

  @Test
  void anUploadIsNeverRetried() throws Exception {
    fixture.apiProxy.refuseNext(1);
    FilesClient files =
        FilesClient.overHttp(
            fixture.node,
            fixture.apiProxy.url(),
            new FilesClientOptions().setMaxRetries(3).setInitialBackoff(Duration.ofMillis(10)));
    FileError error =
        failure(files.upload(ServiceFixture.uploadRequest("once", new byte[] {1}, false)));
    assertEquals(ErrorCode.UNAVAILABLE, error.code());
    assertEquals(503, error.status());
    assertEquals(1, fixture.apiProxy.connections());
  }

  @Test
  void aCallWithoutAnswerTimesOutAsUnavailableAndAReadIsTriedAgain() throws Exception {
    fixture.apiProxy.blackHole(true);
    FilesClient files =
        FilesClient.overHttp(
                fixture.node,
                fixture.apiProxy.url(),
                new FilesClientOptions().setMaxRetries(1).setInitialBackoff(Duration.ofMillis(10)))
            .withTimeout(Duration.ofMillis(300));
    FileError read =
        failure(
            files.info(
                new JsonObject()
                    .put("username", "nobody")
                    .put("uploadId", UUID.randomUUID().toString())));
    assertEquals(ErrorCode.UNAVAILABLE, read.code());
    assertInstanceOf(TimeoutException.class, read.getCause());
    assertEquals(2, fixture.apiProxy.connections(), "one retry");

    FileError write =
        failure(files.upload(ServiceFixture.uploadRequest("slow", new byte[] {1}, false)));
    assertEquals(ErrorCode.UNAVAILABLE, write.code());
    assertEquals(3, fixture.apiProxy.connections(), "the upload was sent once");
  }

  @Test
  void noServiceOnTheBusIsUnavailable() {
    FileError error =
        failure(
            FilesClient.overEventBus(fixture.node, new FilesClientOptions().setMaxRetries(0))
                .call("files.nothing.here", new JsonObject()));
    assertEquals(ErrorCode.UNAVAILABLE, error.code());
  }

  /** The failure of {@code future}, which must fail with a FileError. */
  static FileError failure(Future<?> future) {
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
    return assertInstanceOf(FileError.class, e.getCause());
  }
}
