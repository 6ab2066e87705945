package dev.files.service.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.XmlConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Builds the Hazelcast configuration of a clustered instance: the operator's XML when {@code
 * cluster.hazelcastXml} is set, otherwise one built from the {@code cluster.*} keys with the data
 * structures the Vert.x cluster manager needs (those of its {@code default-cluster.xml}).
 */
public final class HazelcastConfigs {
  /** Hazelcast reports usage to its vendor unless told not to; an instance here never does. */
  static final String PHONE_HOME = "hazelcast.phone.home.enabled";

  private HazelcastConfigs() {}

  /** The configuration the options describe. */
  public static Config of(ClusterOptions options) {
    if (!options.hazelcastXml().isEmpty()) {
      return fromXml(Path.of(options.hazelcastXml()));
    }
    Config config = new Config();
    config.setClusterName(options.name());
    config.setProperty(PHONE_HOME, "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    // Vert.x leaves the cluster when the service stops; Hazelcast's own hook would leave first.
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    long joinWaitSeconds = Math.max(0, options.joinWait().toSeconds());
    config.setProperty("hazelcast.wait.seconds.before.join", Long.toString(joinWaitSeconds));
    config.setProperty(
        "hazelcast.max.wait.seconds.before.join", Long.toString(Math.max(1, 4 * joinWaitSeconds)));
    if (!options.host().isEmpty()) {
      // Bind to this address only, not to every interface of the machine.
      config.setProperty("hazelcast.local.localAddress", options.host());
      config.setProperty("hazelcast.socket.bind.any", "false");
    }
    addVertxStructures(config);
    network(config.getNetworkConfig(), options);
    return config;
  }

  private static Config fromXml(Path file) {
    try {
      Config config = new XmlConfigBuilder(file.toString()).build();
      // The operator's file decides everything else; only the phone-home default is ours.
      if (config.getProperty(PHONE_HOME) == null) {
        config.setProperty(PHONE_HOME, "false");
      }
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read cluster.hazelcastXml " + file, e);
    }
  }

  private static void addVertxStructures(Config config) {
    config.addMultiMapConfig(
        new MultiMapConfig("__vertx.subs")
            .setBackupCount(1)
            .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    config.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
    config.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
  }

  private static void network(NetworkConfig network, ClusterOptions options) {
    network.setPort(options.port()).setPortAutoIncrement(false);
    if (!options.publicHost().isEmpty() || options.publicPort() != 0) {
      String host = options.publicHost().isEmpty() ? options.host() : options.publicHost();
      int port = options.publicPort() == 0 ? options.port() : options.publicPort();
      network.setPublicAddress(host + ":" + port);
    }
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(options.multicast());
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(!options.multicast()).setMembers(options.members());
  }
}
