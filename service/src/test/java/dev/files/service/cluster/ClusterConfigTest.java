package dev.files.service.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import dev.files.service.TestServers;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code cluster.*} keys as Hazelcast and event bus settings, and the start-up checks. */
class ClusterConfigTest {

  @Test
  void clusteringIsOffByDefault() {
    assertFalse(ClusterOptions.from(TestServers.config(Map.of())).enabled());
  }

  @Test
  void theMemberListIsATcpIpJoinWithoutMulticast() {
    ClusterOptions options =
        options(
            Map.of(
                "FILES_CLUSTER_MEMBERS", "10.0.0.1:5701, 10.0.0.2:5701",
                "FILES_CLUSTER_PORT", "5801",
                "FILES_CLUSTER_PUBLICHOST", "files-1.internal"));
    Config config = HazelcastConfigs.of(options);
    JoinConfig join = config.getNetworkConfig().getJoin();
    assertTrue(join.getTcpIpConfig().isEnabled());
    assertEquals(List.of("10.0.0.1:5701", "10.0.0.2:5701"), join.getTcpIpConfig().getMembers());
    assertFalse(join.getMulticastConfig().isEnabled());
    assertFalse(join.getAutoDetectionConfig().isEnabled());
    assertEquals(5801, config.getNetworkConfig().getPort());
    assertFalse(config.getNetworkConfig().isPortAutoIncrement());
    assertEquals("files-1.internal:5801", config.getNetworkConfig().getPublicAddress());
    assertEquals("false", config.getProperty(HazelcastConfigs.PHONE_HOME));
    assertEquals("files", config.getClusterName());
    assertEquals(1, config.getMultiMapConfig("__vertx.subs").getBackupCount());
  }

  @Test
  void multicastReplacesTheMemberListWhenAskedFor() {
    JoinConfig join =
        HazelcastConfigs.of(options(Map.of("FILES_CLUSTER_MULTICAST", "true")))
            .getNetworkConfig()
            .getJoin();
    assertTrue(join.getMulticastConfig().isEnabled());
    assertFalse(join.getTcpIpConfig().isEnabled());
  }

  @Test
  void anOperatorsHazelcastXmlReplacesTheKeys() throws Exception {
    Path xml = Files.createTempFile("hazelcast", ".xml");
    Files.writeString(
        xml,
        """
        <hazelcast xmlns="http://www.hazelcast.com/schema/config">
          <cluster-name>from-xml</cluster-name>
          <network><port auto-increment="false">6000</port></network>
        </hazelcast>
        """);
    Config config =
        HazelcastConfigs.of(options(Map.of("FILES_CLUSTER_HAZELCASTXML", xml.toString())));
    assertEquals("from-xml", config.getClusterName());
    assertEquals(6000, config.getNetworkConfig().getPort());
    assertEquals("false", config.getProperty(HazelcastConfigs.PHONE_HOME));
  }

  @Test
  void keyAndTrustStoresTurnOnMutualTls() {
    ClusterOptions options =
        options(
            Map.of(
                "FILES_CLUSTER_EVENTBUS_KEYSTORE", "/etc/files/node.p12",
                "FILES_CLUSTER_EVENTBUS_KEYSTOREPASSWORD", "key-secret-1",
                "FILES_CLUSTER_EVENTBUS_TRUSTSTORE", "/etc/files/cluster.jks",
                "FILES_CLUSTER_EVENTBUS_TRUSTSTOREPASSWORD", "trust-secret-2"));
    EventBusOptions bus = new EventBusOptions();
    options.eventBus().tls().applyTo(bus);
    assertTrue(bus.isSsl());
    assertEquals(ClientAuth.REQUIRED, bus.getClientAuth());
    String logged = options.eventBus().tls().toString();
    assertFalse(logged.contains("secret"), "no password in logs: " + logged);
  }

  @Test
  void aKeyStoreWithoutATrustStoreIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> options(Map.of("FILES_CLUSTER_EVENTBUS_KEYSTORE", "/etc/files/node.p12")));
  }

  @Test
  void localStorageAndEmbeddedStoresAreInstanceLocal() {
    List<String> local =
        SharedStateCheck.instanceLocalState(
            TestServers.config(Map.of("FILES_STORE_PRIMARY", "sqlite")));
    assertEquals(3, local.size(), String.valueOf(local));
    assertTrue(local.get(0).startsWith("storage.type=local"));
  }

  @Test
  void sharedStoresAndStorageAreNotInstanceLocal() {
    List<String> local =
        SharedStateCheck.instanceLocalState(
            TestServers.config(
                Map.of(
                    "FILES_STORE_PRIMARY", "redis",
                    "FILES_STORE_LIST", "couchdb",
                    "FILES_STORAGE_TYPE", "gcs")));
    assertEquals(List.of(), local);
  }

  private static ClusterOptions options(Map<String, String> env) {
    return ClusterOptions.from(TestServers.config(env));
  }
}
