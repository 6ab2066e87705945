package dev.files.service;

import dev.files.action.Action;
import dev.files.action.ActionContext;
import dev.files.action.Actions;
import dev.files.action.ContentInspector;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The production actions with a content inspector that counts its calls per object (so a test sees
 * how often each upload was processed, across every instance that shares one counter) and takes
 * {@code delayMs} per call (so concurrent claims overlap). Actions named in {@code withheld} are
 * not served: without files.finish, storage's finalize events are lost, as when notifications do
 * not arrive, and only files.sync finishes uploads.
 */
public final class CountingActions implements ContentInspector {
  private final Map<String, AtomicInteger> inspections = new ConcurrentHashMap<>();
  private final long delayMs;
  private final Set<String> withheld;

  public CountingActions(long delayMs, Set<String> withheld) {
    this.delayMs = delayMs;
    this.withheld = Set.copyOf(withheld);
  }

  /** How often the object was inspected, over every instance built from this factory. */
  public int inspections(String filename) {
    AtomicInteger n = inspections.get(filename);
    return n == null ? 0 : n.get();
  }

  /** Every object inspected, with its count. */
  public Map<String, Integer> all() {
    Map<String, Integer> out = new ConcurrentHashMap<>();
    inspections.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public FilesServer.ActionsFactory factory() {
    return parts -> {
      ActionContext ctx =
          new ActionContext(
              parts.vertx(),
              parts.stores().primary(),
              parts.stores().list(),
              parts.storage().storage(),
              DefaultActions.options(parts.config()),
              this,
              Clock.systemUTC(),
              parts.signals());
      List<Action> all = List.copyOf(new Actions(ctx).all());
      return all.stream().filter(a -> !withheld.contains(a.name())).toList();
    };
  }

  @Override
  public Future<Inspection> inspect(Buffer head, String declaredType, String name) {
    inspections.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
    if (delayMs <= 0) {
      return Future.succeededFuture(Inspection.unknown());
    }
    Context context = Vertx.currentContext();
    if (context == null) {
      return Future.succeededFuture(Inspection.unknown());
    }
    return Future.future(
        p -> context.owner().setTimer(delayMs, t -> p.complete(Inspection.unknown())));
  }
}
