package dev.files.store.tck;

import dev.files.store.FileStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Function;

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
 *
 * <p>{@link #reopen} opens the store of the last {@link #open} again, as a restarted process would.
 * A backend whose store declares {@link dev.files.store.Capability#DURABLE} must give it: the
 * contract checks that claim with it. {@link #reopening} makes a fixture whose {@code open} and
 * {@code reopen} are the same call, for a backend where opening one configuration twice reaches the
 * same data.
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

  /**
   * Opens the store of the last {@link #open} again, after the contract closed it with {@link
   * FileStore#close()}: what a restarted process would see. The default cannot, and fails.
   */
  default Future<FileStore> reopen(Vertx vertx) {
    return Future.failedFuture(
        new UnsupportedOperationException(
            "this fixture cannot reopen its store; a store that declares DURABLE needs a fixture"
                + " that can (StoreFixture.reopen), so that the contract can check the claim"));
  }

  /**
   * A fixture whose {@code open} and {@code reopen} both call {@code opener}: for a backend where
   * opening the same configuration (a file, a key prefix, a database) twice reaches the same data.
   * Make the fresh configuration before calling this, once per test.
   */
  static StoreFixture reopening(Function<Vertx, Future<? extends FileStore>> opener) {
    return new StoreFixture() {
      @Override
      public Future<FileStore> open(Vertx vertx) {
        return opener.apply(vertx).map(store -> store);
      }

      @Override
      public Future<FileStore> reopen(Vertx vertx) {
        return open(vertx);
      }
    };
  }
}
