package dev.files.store.couchdb;

import dev.files.store.FileStore;
import dev.files.testing.FreePorts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CouchDB-protocol server for tests, one per test JVM. By default pouchdb-server from {@code
 * tools/pouchdb} (installed by {@code scripts/prereqs/pouchdb.sh}), started on a free port, in
 * memory, in a temporary working directory (it writes its config and log there), and stopped by PID
 * when the JVM exits. With the environment variable {@value #EXTERNAL_URL_ENV} set (e.g. {@code
 * http://admin:secret@127.0.0.1:5984}) the tests use that server instead, typically a real Apache
 * CouchDB; it is neither started nor stopped.
 *
 * <p>Each test takes its own database ({@link #freshDatabase()}): the name carries this JVM's pid
 * and a random run token, so runs against one external server never share a database. Fault tests
 * of the managed pouchdb-server may {@link #stop()} and {@link #start()} it again on the same port
 * (its in-memory data is then gone); an external server cannot be stopped by a test.
 *
 * <p>Other modules use it through this module's test-jar.
 */
public final class CouchDbTestServer {
  /** The environment variable naming an external server to test against. */
  public static final String EXTERNAL_URL_ENV = "FILES_TEST_COUCHDB_URL";

  private static CouchDbTestServer shared;

  private final Path executable;
  private final Path workDir;
  private final String url;
  private final int port;
  private final String run =
      ProcessHandle.current().pid() + "_" + Long.toHexString(new SecureRandom().nextLong() >>> 24);
  private final AtomicInteger databases = new AtomicInteger();
  private Process process;

  private CouchDbTestServer(Path executable, Path workDir, String url, int port) {
    this.executable = executable;
    this.workDir = workDir;
    this.url = url;
    this.port = port;
  }

  /** The JVM's server: the external one when configured, else pouchdb-server started now. */
  public static synchronized CouchDbTestServer shared() {
    if (shared == null) {
      String external = System.getenv(EXTERNAL_URL_ENV);
      shared = external == null || external.isBlank() ? startPouchDb() : external(external.strip());
    }
    return shared;
  }

  private static CouchDbTestServer startPouchDb() {
    try {
      int port = FreePorts.next();
      CouchDbTestServer s =
          new CouchDbTestServer(
              locate(),
              Files.createTempDirectory("pouchdb-server"),
              "http://127.0.0.1:" + port,
              port);
      s.start();
      Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "pouchdb-server-stop"));
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CouchDbTestServer external(String url) {
    URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    CouchDbTestServer s = new CouchDbTestServer(null, null, uri.toString(), port);
    s.awaitUp();
    return s;
  }

  /** The server's URL, with credentials as user info for an external server. */
  public String url() {
    return url;
  }

  public int port() {
    return port;
  }

  /**
   * The server's URL with another port on loopback, credentials kept: for a proxy that forwards to
   * {@link #port()}.
   */
  public String urlVia(int proxyPort) {
    URI uri = URI.create(url);
    String userInfo = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@";
    return uri.getScheme() + "://" + userInfo + "127.0.0.1:" + proxyPort;
  }

  /** True when the tests use an external server ({@value #EXTERNAL_URL_ENV}). */
  public boolean isExternal() {
    return executable == null;
  }

  /** A database name no other test uses, in this run or another one on the same server. */
  public String freshDatabase() {
    return "files_test_" + run + "_" + databases.incrementAndGet();
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
    requireManaged();
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
    requireManaged();
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

  private void requireManaged() {
    if (isExternal()) {
      throw new IllegalStateException(
          "the external server " + EXTERNAL_URL_ENV + " is not started or stopped by tests");
    }
  }

  private void awaitUp() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (process != null && !process.isAlive()) {
        throw new IllegalStateException(
            "pouchdb-server exited at start; see " + workDir.resolve("stdout.log"));
      }
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/").toURL().openConnection();
        // the welcome page needs no credentials; user info in the URL is not sent by this client
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
    throw new IllegalStateException(
        (isExternal() ? EXTERNAL_URL_ENV : "pouchdb-server")
            + " did not answer on port "
            + port
            + " within 60 s");
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
}
