package dev.files.service.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the Vert.x of an instance: a plain one, or, with {@code cluster.enabled}, a clustered one
 * whose event bus other instances (and other services' clustered Vert.x) reach.
 */
public final class VertxFactory {
  private static final Logger LOG = LoggerFactory.getLogger(VertxFactory.class);

  private VertxFactory() {}

  /**
   * A Vert.x with {@code options} (and {@code metrics} when not null), clustered when {@code
   * cluster.enabled()}; the future fails when the cluster cannot be joined.
   */
  public static Future<Vertx> start(
      ClusterOptions cluster, VertxOptions options, VertxMetricsFactory metrics) {
    var builder = Vertx.builder();
    if (metrics != null) {
      builder.withMetrics(metrics);
    }
    if (!cluster.enabled()) {
      return Future.succeededFuture(builder.with(options).build());
    }
    HazelcastClusterManager manager;
    try {
      eventBus(options.getEventBusOptions(), cluster.eventBus());
      manager = new HazelcastClusterManager(HazelcastConfigs.of(cluster));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    LOG.info(
        "joining cluster: {} event bus {}:{} ({})",
        describe(cluster),
        cluster.eventBus().host(),
        cluster.eventBus().port(),
        cluster.eventBus().tls());
    return builder
        .with(options)
        .withClusterManager(manager)
        .buildClustered()
        .onSuccess(
            vertx ->
                LOG.info(
                    "joined cluster as node {} with {} member(s)",
                    manager.getNodeId(),
                    manager.getNodes().size()));
  }

  private static void eventBus(EventBusOptions options, ClusterOptions.EventBusTransport bus) {
    if (!bus.host().isEmpty()) {
      options.setHost(bus.host());
    }
    options.setPort(bus.port());
    if (!bus.publicHost().isEmpty()) {
      options.setClusterPublicHost(bus.publicHost());
    }
    if (bus.publicPort() != 0) {
      options.setClusterPublicPort(bus.publicPort());
    }
    bus.tls().applyTo(options);
  }

  private static String describe(ClusterOptions cluster) {
    if (!cluster.hazelcastXml().isEmpty()) {
      return "Hazelcast XML " + cluster.hazelcastXml();
    }
    return "'"
        + cluster.name()
        + "' at "
        + cluster.host()
        + ":"
        + cluster.port()
        + (cluster.multicast() ? ", multicast" : ", members " + cluster.members());
  }
}
