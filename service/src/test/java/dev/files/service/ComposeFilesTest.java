package dev.files.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose files never publish a trusted service beyond loopback: trusted believes the body's
 * username, so a port reachable from other hosts must be served with auth.mode=jwt.
 */
class ComposeFilesTest {
  private static final Path DOCKER = Path.of("..", "docker");

  @Test
  void aServicePublishedBeyondLoopbackRequiresJwt() throws IOException {
    List<Path> files = composeFiles();
    assertFalse(files.isEmpty(), "no compose files under " + DOCKER.toAbsolutePath());
    for (Path file : files) {
      for (Map.Entry<String, Map<String, Object>> service : services(file).entrySet()) {
        Map<String, Object> env = map(service.getValue().get("environment"));
        String mode = String.valueOf(env.getOrDefault("FILES_AUTH_MODE", "trusted"));
        for (Object port : list(service.getValue().get("ports"))) {
          boolean loopback = String.valueOf(port).startsWith("127.0.0.1:");
          assertTrue(
              loopback || mode.equals("jwt"),
              file + ": " + service.getKey() + " publishes " + port + " with auth.mode=" + mode);
        }
      }
    }
  }

  @Test
  void theProductionComposeRunsJwtAndDemandsAnIssuer() throws IOException {
    Map<String, Object> files = services(DOCKER.resolve("compose.yaml")).get("files");
    Map<String, Object> env = map(files.get("environment"));
    assertEquals("jwt", env.get("FILES_AUTH_MODE"));
    assertTrue(String.valueOf(env.get("FILES_AUTH_JWT_ISSUER")).contains(":?"), env::toString);
  }

  private static List<Path> composeFiles() throws IOException {
    try (Stream<Path> all = Files.list(DOCKER)) {
      return all.filter(p -> p.getFileName().toString().matches("compose.*\\.ya?ml")).toList();
    }
  }

  /** SnakeYAML (under Jackson's YAML module) resolves anchors and merge keys as compose does. */
  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services(Path file) throws IOException {
    Map<String, Object> doc = new Yaml().load(Files.readString(file));
    return (Map<String, Map<String, Object>>) doc.get("services");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  private static List<?> list(Object value) {
    return value == null ? List.of() : (List<?>) value;
  }
}
