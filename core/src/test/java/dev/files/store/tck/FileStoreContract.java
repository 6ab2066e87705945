package dev.files.store.tck;

import dev.files.store.FileStore;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The whole store contract. A backend's test class extends it and supplies its fixture:
 *
 * <pre>{@code
 * class RedisStoreContractTest extends FileStoreContract {
 *   @Override
 *   protected StoreFixture fixture() {
 *     return vertx -> RedisTestServer.shared().openFreshStore(vertx);
 *   }
 * }
 * }</pre>
 *
 * <p>Before each test it opens a fresh, empty store through the fixture, after each test it closes
 * it. All backends share one Vert.x instance per test JVM. A backend that wants only some concerns
 * (while it is being written) may extend this class and implement fewer interfaces in a copy, but
 * the finished backend must extend this class: a guard test in {@code core} checks that every
 * registered backend does.
 */
public abstract class FileStoreContract
    implements CrudContract,
        AliasContract,
        FilterContract,
        SortContract,
        PagingContract,
        ReportContract,
        ChangeFeedContract,
        ConcurrencyContract {

  private static Vertx sharedVertx;

  private StoreFixture fixture;
  private FileStore store;

  /** The backend's fixture; asked once per test. */
  protected abstract StoreFixture fixture();

  @BeforeEach
  final void openStore() {
    fixture = fixture();
    store = await(fixture.open(vertx()));
  }

  @AfterEach
  final void closeStore() {
    if (store != null) {
      FileStore s = store;
      store = null;
      await(fixture.close(s));
    }
  }

  @Override
  public final FileStore store() {
    if (store == null) {
      throw new IllegalStateException("no store is open outside a test");
    }
    return store;
  }

  @Override
  public Vertx vertx() {
    return shared();
  }

  private static synchronized Vertx shared() {
    if (sharedVertx == null) {
      sharedVertx = Vertx.vertx();
      Vertx v = sharedVertx;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> v.close(), "tck-vertx-close"));
    }
    return sharedVertx;
  }
}
