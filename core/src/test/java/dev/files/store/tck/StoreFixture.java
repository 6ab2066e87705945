package dev.files.store.tck;

import dev.files.store.FileStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * How the contract suite gets a store of the backend under test.
 *
 * <p>{@link #open} is called before every test and must return a fresh, EMPTY store: no records, no
 * aliases, an empty change feed. Start servers (redis-server, pouchdb-server) once per test JVM,
 * lazily, inside the fixture or a static helper of the backend's tests; give each {@link #open} its
 * own database, keyspace/key prefix or file, so tests never see each other's data. A missing
 * prerequisite (binary not installed) fails {@link #open} with a message saying how to install it;
 * it never skips.
 *
 * <p>{@link #close} is called after every test with the store that {@link #open} returned; the
 * default closes it. Override it to drop the test's database as well.
 */
@FunctionalInterface
public interface StoreFixture {

  /**
   * Opens a fresh, empty store.
   *
   * @param vertx the suite's Vert.x instance (one per test JVM); use it for clients and blocking
   *     work
   */
  Future<FileStore> open(Vertx vertx);

  /** Releases what {@link #open} made; by default closes the store. */
  default Future<Void> close(FileStore store) {
    return store.close();
  }
}
