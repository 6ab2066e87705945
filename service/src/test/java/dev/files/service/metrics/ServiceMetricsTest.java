package dev.files.service.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.service.FilesServer;
import dev.files.service.Http;
import dev.files.service.TestActions;
import dev.files.service.TestServers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The metrics the dashboard and the alerts read are on /metrics. */
class ServiceMetricsTest {
  private static FilesServer server;
  private static Http http;

  @BeforeAll
  static void start() {
    TestActions actions = new TestActions();
    server =
        TestServers.start(
            FilesServer.builder(TestServers.config(Map.of()))
                .actions(actions::create)
                .storage(
                    (vertx, config, url) ->
                        Future.succeededFuture(TestServers.emptyStorage(true))));
    http = new Http(server.baseUrl());
  }

  @AfterAll
  static void stop() {
    TestServers.stop(server);
  }

  @Test
  void actionsAreTimedByActionAndOutcomeWithHistogramBuckets() {
    JsonObject info =
        new JsonObject()
            .put("username", "ann")
            .put("uploadId", "0b5c8e7e-0a7d-4c1e-9a55-2f8f0d6b1c11");
    assertEquals(200, http.post("/files/info", info).status());
    String metrics = http.get("/metrics").body();
    assertTrue(
        metrics.contains("files_action_seconds_count{action=\"files.info\",outcome=\"ok\"}"),
        metrics);
    assertTrue(
        metrics.contains("files_action_seconds_bucket{action=\"files.info\",outcome=\"ok\",le="),
        "latency buckets for quantiles");
  }

  @Test
  void theProcessingQueueIsExported() {
    String metrics = http.get("/metrics").body();
    assertTrue(metrics.contains("files_processing_queue "), metrics);
    assertTrue(metrics.contains("files_processing_settled_total{outcome=\"failed\"}"), metrics);
  }
}
