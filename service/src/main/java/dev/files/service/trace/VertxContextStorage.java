package dev.files.service.trace;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.ContextStorageProvider;
import io.opentelemetry.context.Scope;
import io.vertx.core.Future;
import io.vertx.core.internal.ContextInternal;
import java.util.function.Supplier;

/**
 * Keeps the current OpenTelemetry {@link Context} in the Vert.x duplicated context of a request
 * instead of a thread-local, so that it follows the request through every future callback of its
 * asynchronous chain (a thread-local would be lost at the first callback). Outside a duplicated
 * context the default thread-local storage serves. Registered through {@code
 * META-INF/services/io.opentelemetry.context.ContextStorageProvider}.
 *
 * <p>Uses {@code ContextInternal} (Vert.x's internal API, as vertx-opentelemetry does): the public
 * {@code ContextLocal} must be registered before the first Vert.x instance exists, which a library
 * cannot promise.
 */
public final class VertxContextStorage implements ContextStorageProvider {
  private static final String KEY = "files.otel.context";

  @Override
  public ContextStorage get() {
    return Storage.INSTANCE;
  }

  /**
   * Runs {@code work} on a fresh duplicate of the current Vert.x context whose OpenTelemetry
   * context is {@code context}: everything {@code work} starts, and every callback of it, sees
   * {@code context} as current. Off a Vert.x thread it runs with {@code context} current until it
   * returns.
   */
  static <T> Future<T> runIn(Context context, Supplier<Future<T>> work) {
    ContextInternal current = ContextInternal.current();
    if (current == null) {
      try (Scope ignored = context.makeCurrent()) {
        return safely(work);
      }
    }
    ContextInternal duplicate = current.duplicate();
    duplicate.localContextData().put(KEY, context);
    Object[] result = new Object[1];
    duplicate.dispatch(() -> result[0] = safely(work));
    @SuppressWarnings("unchecked")
    Future<T> future = (Future<T>) result[0];
    return future;
  }

  static <T> Future<T> safely(Supplier<Future<T>> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private enum Storage implements ContextStorage {
    INSTANCE;

    private final ContextStorage threadLocal = ContextStorage.defaultStorage();

    @Override
    public Scope attach(Context toAttach) {
      ContextInternal vertx = ContextInternal.current();
      if (vertx == null || !vertx.isDuplicate()) {
        return threadLocal.attach(toAttach);
      }
      Object previous = vertx.localContextData().get(KEY);
      if (previous == toAttach) {
        return Scope.noop();
      }
      vertx.localContextData().put(KEY, toAttach);
      return () -> {
        if (previous == null) {
          vertx.localContextData().remove(KEY);
        } else {
          vertx.localContextData().put(KEY, previous);
        }
      };
    }

    @Override
    public Context current() {
      ContextInternal vertx = ContextInternal.current();
      if (vertx == null || !vertx.isDuplicate()) {
        return threadLocal.current();
      }
      return (Context) vertx.localContextData().get(KEY);
    }
  }
}
