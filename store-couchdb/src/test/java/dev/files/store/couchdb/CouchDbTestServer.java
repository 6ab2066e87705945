package dev.files.store.couchdb;

import dev.files.store.FileStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CouchDB-protocol server for tests: pouchdb-server from {@code tools/pouchdb} (installed by
 * {@code scripts/prereqs/pouchdb.sh}), started once per test JVM on a free port, in memory, in a
 * temporary working directory (it writes its config and log there), and stopped by PID when the JVM
 * exits. Each test takes its own database ({@link #freshDatabase()}). Fault tests may {@link
 * #stop()} and {@link #start()} it again on the same port (its in-memory data is then gone).
 *
 * <p>Other modules use it through this module's test-jar.
 */
public final class CouchDbTestServer {
  private static CouchDbTestServer shared;

  private final Path executable;
  private final Path workDir;
  private final int port;
  private final AtomicInteger databases = new AtomicInteger();
  private Process process;

  private CouchDbTestServer(Path executable, Path workDir, int port) {
    this.executable = executable;
    this.workDir = workDir;
    this.port = port;
  }

  /** The JVM's server, started on first use. */
  public static synchronized CouchDbTestServer shared() {
    if (shared == null) {
      try {
        Path exe = locate();
        CouchDbTestServer s =
            new CouchDbTestServer(exe, Files.createTempDirectory("pouchdb-server"), freePort());
        s.start();
        Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "pouchdb-server-stop"));
        shared = s;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /** {@code http://127.0.0.1:<port>} */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** A database name no other test of this JVM uses. */
  public String freshDatabase() {
    return "files_test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
  }

  /** A store on a fresh database of this server. */
  public Future<CouchDbFileStore> openFreshStore(Vertx vertx) {
    return CouchDbFileStore.open(vertx, url(), freshDatabase());
  }

  /** Drops the store's database after a test (keeps the in-memory server small), then closes. */
  public Future<Void> dropAndClose(FileStore store) {
    if (store instanceof CouchDbFileStore c) {
      return c.dropDatabase().transform(ar -> c.close());
    }
    return store.close();
  }

  /** Starts the server process (again) and waits until it answers. */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    try {
      process =
          new ProcessBuilder(
                  executable.toString(),
                  "--host",
                  "127.0.0.1",
                  "--port",
                  Integer.toString(port),
                  "--in-memory",
                  "--no-stdout-logs",
                  "--config",
                  workDir.resolve("config.json").toString())
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(workDir.resolve("stdout.log").toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + executable, e);
    }
    awaitUp();
  }

  /** Stops the server process (by its PID) and waits until it is gone. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    ProcessHandle h = process.toHandle();
    h.descendants().forEach(ProcessHandle::destroy);
    h.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        h.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  private void awaitUp() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "pouchdb-server exited at start; see " + workDir.resolve("stdout.log"));
      }
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/").toURL().openConnection();
        c.setConnectTimeout(500);
        c.setReadTimeout(2000);
        if (c.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("pouchdb-server did not answer on " + url() + " within 60 s");
  }

  /** tools/pouchdb/node_modules/.bin/pouchdb-server in the working directory or a parent. */
  static Path locate() {
    Path rel = Path.of("tools", "pouchdb", "node_modules", ".bin", "pouchdb-server");
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(rel);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
      if (Files.isDirectory(dir.resolve("tools").resolve("pouchdb"))) {
        break;
      }
    }
    throw new IllegalStateException(
        "pouchdb-server is not installed: run scripts/prereqs/pouchdb.sh (needs Node 20 and npm)"
            + " from the repository root; looked for "
            + rel
            + " from "
            + Path.of("").toAbsolutePath()
            + " upwards");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }
}
