package dev.files.service.cluster;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.files.service.FilesServer;
import dev.files.service.TestServers;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A cluster that cannot be joined stops the start with an error instead of serving alone. */
class ClusterStartFailureTest {

  @Test
  void aTakenHazelcastPortFailsTheStart() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Map<String, String> env = new TestCluster(1).env(0);
      env.put("FILES_CLUSTER_PORT", Integer.toString(taken.getLocalPort()));
      env.put("FILES_CLUSTER_MEMBERS", "127.0.0.1:" + taken.getLocalPort());
      env.put("FILES_DATA_DIR", Files.createTempDirectory("files-cluster-fail").toString());
      assertThrows(
          AssertionError.class,
          () -> TestServers.start(FilesServer.builder(TestServers.config(env))));
    }
  }
}
