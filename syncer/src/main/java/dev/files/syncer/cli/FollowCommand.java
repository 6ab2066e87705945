package dev.files.syncer.cli;

import dev.files.syncer.SyncerConfig;
import dev.files.syncer.SyncerMetrics;
import dev.files.syncer.SyncerVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code syncer follow}: applies the change streams until the process is stopped. */
@Command(
    name = "follow",
    mixinStandardHelpOptions = true,
    description = "Apply the Redis change streams to CouchDB continuously (stop with SIGTERM).")
final class FollowCommand implements Callable<Integer> {
  @ParentCommand SyncerCommand parent;

  @Override
  public Integer call() throws InterruptedException {
    SyncerConfig c = parent.config();
    JsonObject conf = parent.rootConfig();
    Vertx vertx = Vertx.vertx();
    SyncerMetrics metrics = new SyncerMetrics();
    String id =
        SyncerCommand.await(
            vertx.deployVerticle(
                new SyncerVerticle(metrics), new DeploymentOptions().setConfig(conf)));
    System.err.println("follow: group=" + c.group() + " consumer=" + c.consumer() + " running");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // finish the batches in flight (acknowledged only once applied), then close
                  vertx.undeploy(id).onComplete(x -> stopped.countDown());
                  try {
                    stopped.await(10, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  vertx.close(); // the JVM is exiting: no need to wait for the event loops
                },
                "syncer-stop"));
    try (var p = ProgressLine.start(() -> "follow: " + metrics.snapshot().encode())) {
      stopped.await();
    }
    return 0;
  }
}
