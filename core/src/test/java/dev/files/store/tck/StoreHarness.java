package dev.files.store.tck;

import dev.files.store.FileStore;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The per-test lifecycle of the contract: before each test it opens a fresh, empty store through
 * the backend's {@link StoreFixture}, after each test it closes it. All backends share one Vert.x
 * instance per test JVM.
 *
 * <p>Backends extend {@link FileStoreContract}, which adds every concern. While a backend is being
 * written, a test class may extend this harness and implement only the concern interfaces that
 * already pass (e.g. {@code extends StoreHarness implements CrudContract, AliasContract}); the
 * finished backend must extend {@link FileStoreContract} (a guard test in core checks it).
 */
public abstract class StoreHarness implements ContractSupport {

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
  public final FileStore reopenStore() {
    FileStore closing = store();
    store = null;
    await(closing.close());
    store = await(fixture.reopen(vertx()));
    return store;
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
