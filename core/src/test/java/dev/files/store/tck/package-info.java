/**
 * The store contract suite (TCK): the behaviour every {@link dev.files.store.FileStore} backend
 * must show, split by concern ({@link dev.files.store.tck.CrudContract}, {@link
 * dev.files.store.tck.AliasContract}, {@link dev.files.store.tck.FilterContract}, {@link
 * dev.files.store.tck.SortContract}, {@link dev.files.store.tck.PagingContract}, {@link
 * dev.files.store.tck.ReportContract}, {@link dev.files.store.tck.ConcurrencyContract}) and
 * combined in {@link dev.files.store.tck.FileStoreContract}. {@link
 * dev.files.store.tck.ChangeFeedContract} is for the stores that offer the optional {@link
 * dev.files.store.ChangeFeed}; their test class implements it too.
 *
 * <p>A backend runs it by extending {@link dev.files.store.tck.FileStoreContract} in its test
 * sources and returning a {@link dev.files.store.tck.StoreFixture} that opens a fresh, empty store
 * per test. {@link dev.files.store.tck.Records} builds test records that backends' own tests may
 * reuse. The in-memory store is the reference: the suite passes on it.
 */
package dev.files.store.tck;
