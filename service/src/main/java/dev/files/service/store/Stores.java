package dev.files.service.store;

import dev.files.service.config.ServiceConfig;
import dev.files.service.metrics.TimedFileStore;
import dev.files.service.trace.TracedFileStore;
import dev.files.service.trace.Tracing;
import dev.files.store.FileStore;
import dev.files.store.FileStoreProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured stores: {@code store.primary} (writes, reads by id and alias) and {@code
 * store.list} (files.list, files.report). Each backend is opened once through its {@link
 * FileStoreProvider} with its section {@code store.<name>}, and wrapped in a {@link TimedFileStore}
 * over a {@link TracedFileStore}. A routing that works but is not the intended one (see {@link
 * RoutingAdvice}) is logged as a warning at start.
 */
public final class Stores {
  private static final Logger LOG = LoggerFactory.getLogger(Stores.class);
  private final Map<String, FileStore> byBackend;
  private final String primaryName;
  private final String listName;
  private final FileStore primary;
  private final FileStore list;

  private Stores(Map<String, FileStore> byBackend, String primary, String list) {
    this.byBackend = byBackend;
    this.primaryName = primary;
    this.listName = list;
    this.primary = byBackend.get(primary);
    this.list = byBackend.get(list);
  }

  /** Opens the configured backends (one each, even when primary and list name the same). */
  public static Future<Stores> open(Vertx vertx, ServiceConfig config, MeterRegistry registry) {
    return open(vertx, config, registry, Tracing.off());
  }

  /** Opens the configured backends, each call timed and, when tracing is on, a span. */
  public static Future<Stores> open(
      Vertx vertx, ServiceConfig config, MeterRegistry registry, Tracing tracing) {
    String primary = config.storePrimary();
    String list = config.storeList();
    List<String> names = primary.equals(list) ? List.of(primary) : List.of(primary, list);
    Map<String, FileStore> opened = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (String name : names) {
      chain =
          chain.compose(
              v ->
                  openOne(vertx, config, name)
                      .map(
                          store -> {
                            opened.put(
                                name,
                                new TimedFileStore(
                                    new TracedFileStore(store, name, tracing), name, registry));
                            return null;
                          }));
    }
    return chain
        .map(v -> new Stores(opened, primary, list))
        .onSuccess(Stores::adviseOnRouting)
        .recover(e -> closeAll(opened.values()).transform(x -> Future.failedFuture(e)));
  }

  private static void adviseOnRouting(Stores stores) {
    RoutingAdvice.warnings(stores.primaryName, stores.primary, stores.listName, stores.list)
        .forEach(LOG::warn);
  }

  private static Future<FileStore> openOne(Vertx vertx, ServiceConfig config, String name) {
    try {
      return FileStoreProvider.named(name).open(vertx, config.storeConfig(name));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  public FileStore primary() {
    return primary;
  }

  public FileStore list() {
    return list;
  }

  /** Each opened backend by name, for health checks. */
  public Map<String, FileStore> byBackend() {
    return Map.copyOf(byBackend);
  }

  public Future<Void> close() {
    return closeAll(byBackend.values());
  }

  private static Future<Void> closeAll(Iterable<FileStore> stores) {
    List<Future<Void>> closing = new ArrayList<>();
    stores.forEach(s -> closing.add(s.close()));
    return Future.join(closing).mapEmpty();
  }
}
