package dev.files.syncer;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * Runs {@code follow} inside the service. Its config is the service's (sections {@code
 * store.redis}, {@code store.couchdb}, {@code syncer}); the service deploys it when {@code
 * syncer.enabled} is true and binds {@link #metrics()} to its registry. Several instances (in one
 * or many processes) share the work through the consumer group; give each process its own {@code
 * syncer.consumer}.
 */
public final class SyncerVerticle extends VerticleBase {
  private final SyncerMetrics metrics;
  private Endpoints ends;
  private Follower follower;

  public SyncerVerticle() {
    this(new SyncerMetrics());
  }

  /** With metrics the caller has already bound to its registry. */
  public SyncerVerticle(SyncerMetrics metrics) {
    this.metrics = metrics;
  }

  public SyncerMetrics metrics() {
    return metrics;
  }

  @Override
  public Future<?> start() {
    SyncerConfig c;
    try {
      c = SyncerConfig.from(config());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return Endpoints.open(vertx, c)
        .compose(
            e -> {
              ends = e;
              follower = new Follower(vertx, c, e, metrics);
              return follower.start().onFailure(x -> e.close());
            });
  }

  @Override
  public Future<?> stop() {
    if (follower == null) {
      return Future.succeededFuture();
    }
    return follower.stop().eventually(() -> ends.close());
  }
}
