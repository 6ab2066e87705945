package dev.files.service.cluster;

import static dev.files.service.TestServers.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Mutual TLS on the clustered event bus: nodes holding a certificate the trust store vouches for
 * exchange messages; a node with any other certificate joins Hazelcast but gets no reply.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventBusTlsIT {
  private static final String PASSWORD = "test-pass";
  private final TestCluster cluster = new TestCluster(3);
  private final List<Vertx> nodes = new ArrayList<>();
  private Vertx trustedPeer;
  private Vertx stranger;

  @BeforeAll
  void start() throws Exception {
    Path dir = Files.createTempDirectory("files-bus-tls");
    Path member = keyPair(dir, "member");
    Path other = keyPair(dir, "stranger");
    Path trust = trustStore(dir, member);
    Vertx service = node(0, member, trust);
    service.eventBus().<JsonObject>consumer("files.echo", m -> m.reply(m.body()));
    trustedPeer = node(1, member, trust);
    stranger = node(2, other, trust);
  }

  @AfterAll
  void stop() {
    nodes.forEach(n -> await(n.close()));
  }

  @Test
  void aMemberWithATrustedCertificateGetsReplies() {
    JsonObject body = new JsonObject().put("hello", "cluster");
    assertEquals(body, await(TestCluster.request(trustedPeer, "files.echo", body)));
  }

  @Test
  void aMemberWithAnUntrustedCertificateGetsNoReply() {
    // The stranger learns the consumer through Hazelcast but cannot open the event bus connection.
    AssertionError failed =
        assertThrows(
            AssertionError.class,
            () ->
                await(
                    stranger
                        .eventBus()
                        .request(
                            "files.echo",
                            new JsonObject(),
                            new DeliveryOptions().setSendTimeout(3_000))));
    assertEquals(
        "io.vertx.core.eventbus.ReplyException",
        failed.getCause().getCause().getClass().getName(),
        String.valueOf(failed.getCause()));
  }

  private Vertx node(int index, Path keyStore, Path trustStore) {
    Vertx node =
        cluster.node(
            index,
            Map.of(
                "FILES_CLUSTER_EVENTBUS_KEYSTORE",
                keyStore.toString(),
                "FILES_CLUSTER_EVENTBUS_KEYSTOREPASSWORD",
                PASSWORD,
                "FILES_CLUSTER_EVENTBUS_TRUSTSTORE",
                trustStore.toString(),
                "FILES_CLUSTER_EVENTBUS_TRUSTSTOREPASSWORD",
                PASSWORD));
    nodes.add(node);
    return node;
  }

  /** A PKCS#12 key store with a fresh self-signed certificate, made by the JDK's keytool. */
  private static Path keyPair(Path dir, String name) throws Exception {
    Path store = dir.resolve(name + ".p12");
    keytool(
        "-genkeypair",
        "-alias",
        name,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + name,
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        store.toString(),
        "-storepass",
        PASSWORD);
    return store;
  }

  private static Path trustStore(Path dir, Path keyStore) throws Exception {
    Path cert = dir.resolve("member.crt");
    keytool(
        "-exportcert",
        "-alias",
        "member",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        cert.toString());
    Path trust = dir.resolve("trust.p12");
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "member",
        "-file",
        cert.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        trust.toString(),
        "-storepass",
        PASSWORD);
    return trust;
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
    }
  }
}
