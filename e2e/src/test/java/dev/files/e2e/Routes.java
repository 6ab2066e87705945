package dev.files.e2e;

import dev.files.client.FilesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How the client JVM reaches the service: the clustered event bus (Vert.x picks the instance), or
 * HTTP to the instances in turn, as a client with a static list of instances does. An HTTP instance
 * that failed transiently is skipped for {@value #DOWN_MILLIS} ms, then tried again.
 */
final class Routes {
  static final long DOWN_MILLIS = 5_000;

  /** One way to the service, named for the tally. */
  record Route(String name, FilesClient client, int httpIndex) {}

  private final Route bus;
  private final List<Route> http = new ArrayList<>();
  private final AtomicLongArray downUntil;
  private final AtomicInteger nextHttp = new AtomicInteger();
  private final AtomicInteger nextRead = new AtomicInteger();

  Routes(FilesClient bus, List<FilesClient> http) {
    this.bus = new Route("bus", bus, -1);
    for (int i = 0; i < http.size(); i++) {
      this.http.add(new Route("http-" + i, http.get(i), i));
    }
    this.downUntil = new AtomicLongArray(http.size());
  }

  Route bus() {
    return bus;
  }

  /** Upload {@code index}: even ones over the bus, odd ones over HTTP, the instances in turn. */
  Route forUpload(int index) {
    return index % 2 == 0 ? bus : nextHttp();
  }

  /** A read tried again: the bus and the HTTP instances in turn. */
  Route forRetry() {
    return nextRead.getAndIncrement() % 2 == 0 ? bus : nextHttp();
  }

  /** {@code route} failed transiently: an HTTP instance is skipped for a while. */
  void failedTransiently(Route route) {
    if (route.httpIndex() >= 0) {
      downUntil.set(route.httpIndex(), System.nanoTime() + DOWN_MILLIS * 1_000_000);
    }
  }

  private Route nextHttp() {
    long now = System.nanoTime();
    for (int tried = 0; tried < http.size(); tried++) {
      Route r = http.get(Math.floorMod(nextHttp.getAndIncrement(), http.size()));
      if (downUntil.get(r.httpIndex()) - now <= 0) {
        return r;
      }
    }
    // Every instance failed lately: try the next one anyway.
    return http.get(Math.floorMod(nextHttp.getAndIncrement(), http.size()));
  }
}
