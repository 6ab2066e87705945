package dev.files.service.cluster;

import static dev.files.testing.Await.await;

import dev.files.service.TestServers;
import dev.files.testing.FreePorts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A loopback cluster for tests: free Hazelcast ports for a fixed member list, the service's
 * environment to join it, and plain clustered Vert.x nodes beside the service.
 */
public final class TestCluster {
  private final String name = "files-test-" + UUID.randomUUID();
  private final List<Integer> ports;

  /** A cluster of {@code members} nodes, each with its own free Hazelcast port. */
  public TestCluster(int members) {
    this.ports =
        java.util.stream.IntStream.range(0, members).map(i -> FreePorts.next()).boxed().toList();
  }

  /** The environment that makes node {@code index} join (quickly: no wait before joining). */
  public Map<String, String> env(int index) {
    Map<String, String> env = new HashMap<>();
    env.put("FILES_CLUSTER_ENABLED", "true");
    env.put("FILES_CLUSTER_NAME", name);
    env.put("FILES_CLUSTER_HOST", "127.0.0.1");
    env.put("FILES_CLUSTER_PORT", Integer.toString(ports.get(index)));
    env.put(
        "FILES_CLUSTER_MEMBERS",
        ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(",")));
    env.put("FILES_CLUSTER_JOINWAIT", "0s");
    env.put("FILES_CLUSTER_EVENTBUS_HOST", "127.0.0.1");
    return env;
  }

  /** A plain clustered Vert.x as node {@code index}, with {@code extra} settings. */
  public Vertx node(int index, Map<String, String> extra) {
    Map<String, String> env = env(index);
    env.putAll(extra);
    ClusterOptions options = ClusterOptions.from(TestServers.config(env));
    return await(VertxFactory.start(options, new VertxOptions(), null));
  }

  /**
   * Sends {@code body} to {@code address} from {@code node}, again while no member has announced a
   * consumer yet (subscriptions reach the other members shortly after they register).
   */
  public static Future<JsonObject> request(Vertx node, String address, JsonObject body) {
    return request(node, address, body, 100);
  }

  private static Future<JsonObject> request(
      Vertx node, String address, JsonObject body, int triesLeft) {
    return node.eventBus()
        .<JsonObject>request(address, body)
        .map(m -> m.body())
        .recover(
            e -> {
              boolean noHandlerYet =
                  e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS;
              if (!noHandlerYet || triesLeft <= 1) {
                return Future.failedFuture(e);
              }
              return node.timer(100).compose(t -> request(node, address, body, triesLeft - 1));
            });
  }
}
