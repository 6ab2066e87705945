package dev.files.store.tck;

/**
 * The whole store contract. A backend's test class extends it and supplies its fixture:
 *
 * <pre>{@code
 * class RedisStoreContractIT extends FileStoreContract {
 *   @Override
 *   protected StoreFixture fixture() {
 *     return vertx -> RedisTestServer.shared().openFreshStore(vertx);
 *   }
 * }
 * }</pre>
 *
 * <p>See {@link StoreFixture} for what {@code open} must give, and {@link StoreHarness} for the
 * lifecycle. Run one concern with failsafe's method filter (surefire's {@code -Dtest} for a {@code
 * *Test}), e.g. {@code -Dit.test='RedisStoreContractIT#sortBy*'}. A guard test in {@code core}
 * checks that every module registering a {@link dev.files.store.FileStoreProvider} has a test class
 * extending this one.
 *
 * <p>The change feed is optional ({@link dev.files.store.ChangeFeed}): a backend whose store offers
 * it declares so by also implementing {@link ChangeFeedContract} in its test class.
 */
public abstract class FileStoreContract extends StoreHarness
    implements CrudContract,
        AliasContract,
        FilterContract,
        SortContract,
        PagingContract,
        ReportContract,
        HistoryContract,
        ConcurrencyContract {}
