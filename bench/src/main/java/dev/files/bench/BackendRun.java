package dev.files.bench;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The skeleton the per-backend commands share: one Vert.x, one work directory and the seeded data
 * set, a step run for each backend in turn, then both closed.
 */
final class BackendRun {

  /** What a command does with one backend. */
  @FunctionalInterface
  interface Step {
    void run(Vertx vertx, String backend, DataSet data, Path work) throws Exception;
  }

  private BackendRun() {}

  static void forEach(List<String> backends, long seed, Step step) throws Exception {
    DataSet data = new DataSet(seed);
    Path work = Files.createTempDirectory("files-bench-");
    Vertx vertx = Vertx.vertx();
    try {
      for (String name : backends) {
        step.run(vertx, name, data, work);
      }
    } finally {
      Async.await(vertx.close(), 60);
      Machine.deleteTree(work);
    }
  }
}
