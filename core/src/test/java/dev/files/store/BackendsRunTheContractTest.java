package dev.files.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guard: every module of the reactor that registers a {@link FileStoreProvider} has a test class
 * that extends {@link dev.files.store.tck.FileStoreContract}, so no backend ships without running
 * the contract. Core (the memory store) is checked like the others.
 */
class BackendsRunTheContractTest {
  private static final String SERVICE_FILE =
      "src/main/resources/META-INF/services/" + FileStoreProvider.class.getName();
  private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");
  private static final Pattern RUNS_CONTRACT =
      Pattern.compile(
          "\\b(extends|implements)\\s+(dev\\.files\\.store\\.tck\\.)?FileStoreContract\\b");

  @Test
  void everyRegisteredBackendRunsTheContract() throws IOException {
    Path root = reactorRoot();
    assertTrue(
        backends(root).contains("core"),
        "core registers the memory store; found " + backends(root));
    List<String> missing = missingTheContract(root);
    if (!missing.isEmpty()) {
      fail(
          "these modules register a FileStoreProvider but no test class under src/test/java"
              + " extends dev.files.store.tck.FileStoreContract: "
              + missing);
    }
  }

  @Test
  void theGuardNamesABackendWithoutAContractTest(@TempDir Path root) throws IOException {
    Files.writeString(
        root.resolve("pom.xml"), "<modules><module>good</module><module>bad</module></modules>");
    for (String module : List.of("good", "bad")) {
      Path services = root.resolve(module).resolve(SERVICE_FILE);
      Files.createDirectories(services.getParent());
      Files.writeString(services, "# a backend\ndev.example." + module + "\n");
      Path tests = Files.createDirectories(root.resolve(module).resolve("src/test/java/x"));
      Files.writeString(
          tests.resolve("T.java"),
          module.equals("good")
              ? "class T extends FileStoreContract {}"
              : "class T { /* FileStoreContract comes later */ }");
    }
    assertEquals(List.of("good", "bad"), backends(root));
    assertEquals(List.of("bad"), missingTheContract(root));
  }

  /** The modules under {@code root} that register a store provider. */
  static List<String> backends(Path root) throws IOException {
    List<String> out = new ArrayList<>();
    for (String module : modules(root)) {
      if (registersProvider(root.resolve(module).resolve(SERVICE_FILE))) {
        out.add(module);
      }
    }
    return out;
  }

  /** The backends under {@code root} with no test class extending the contract. */
  static List<String> missingTheContract(Path root) throws IOException {
    List<String> out = new ArrayList<>();
    for (String module : backends(root)) {
      if (!hasContractTest(root.resolve(module).resolve("src/test/java"))) {
        out.add(module);
      }
    }
    return out;
  }

  /** The directory of the reactor's root pom: core's parent. */
  private static Path reactorRoot() {
    Path core = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    Path root = core.toAbsolutePath().normalize().getParent();
    assertTrue(Files.isRegularFile(root.resolve("pom.xml")), "no reactor pom in " + root);
    return root;
  }

  private static List<String> modules(Path root) throws IOException {
    Matcher m = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static boolean registersProvider(Path serviceFile) throws IOException {
    if (!Files.isRegularFile(serviceFile)) {
      return false;
    }
    return Files.readAllLines(serviceFile).stream()
        .map(line -> line.replaceFirst("#.*", "").trim())
        .anyMatch(line -> !line.isEmpty());
  }

  private static boolean hasContractTest(Path testSources) throws IOException {
    if (!Files.isDirectory(testSources)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(testSources)) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .anyMatch(p -> RUNS_CONTRACT.matcher(read(p)).find());
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
