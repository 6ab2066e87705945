package dev.files.service.cluster;

import dev.files.service.config.ServiceConfig;
import java.time.Duration;
import java.util.List;

/**
 * The {@code cluster.*} keys, read once. Defaults live in {@code defaults.yaml} and are documented
 * in {@code docs/configuration.md}.
 *
 * @param enabled whether the service joins a cluster at all
 * @param name the Hazelcast cluster name: only members with the same name join each other
 * @param members {@code host:port} of Hazelcast members to join (TCP/IP join)
 * @param host the address Hazelcast binds to
 * @param port the Hazelcast port
 * @param publicHost the address other members reach this one at; empty: {@code host}
 * @param publicPort the port other members reach this one at; 0: {@code port}
 * @param multicast whether multicast discovery runs (off unless asked for)
 * @param joinWait how long Hazelcast waits for other members before forming a cluster alone
 * @param hazelcastXml a Hazelcast XML file replacing everything above but {@code enabled}
 * @param eventBus the event bus transport between instances
 */
public record ClusterOptions(
    boolean enabled,
    String name,
    List<String> members,
    String host,
    int port,
    String publicHost,
    int publicPort,
    boolean multicast,
    Duration joinWait,
    String hazelcastXml,
    EventBusTransport eventBus) {

  /**
   * Where the event bus listens and how it is secured.
   *
   * @param host the address the event bus binds to
   * @param port its port; 0 picks a free one (announced to the cluster)
   * @param publicHost the address other members reach it at; empty: {@code host}
   * @param publicPort the port other members reach it at; 0: {@code port}
   * @param tls the key and trust stores of mutual TLS, or {@link EventBusTls#NONE}
   */
  public record EventBusTransport(
      String host, int port, String publicHost, int publicPort, EventBusTls tls) {}

  /** The options of a configuration. */
  public static ClusterOptions from(ServiceConfig config) {
    return new ClusterOptions(
        Boolean.TRUE.equals(config.get("cluster.enabled")),
        text(config, "cluster.name"),
        config.list("cluster.members"),
        text(config, "cluster.host"),
        (int) config.number("cluster.port"),
        text(config, "cluster.publicHost"),
        (int) config.number("cluster.publicPort"),
        Boolean.TRUE.equals(config.get("cluster.multicast")),
        config.duration("cluster.joinWait"),
        text(config, "cluster.hazelcastXml"),
        new EventBusTransport(
            text(config, "cluster.eventBus.host"),
            (int) config.number("cluster.eventBus.port"),
            text(config, "cluster.eventBus.publicHost"),
            (int) config.number("cluster.eventBus.publicPort"),
            EventBusTls.from(config)));
  }

  private static String text(ServiceConfig config, String key) {
    String value = config.string(key);
    return value == null ? "" : value.trim();
  }
}
