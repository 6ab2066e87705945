package dev.files.blob;

import io.vertx.core.Future;

/**
 * Where storage's finalize events go (the service wires it to files.finish). A transient failure
 * ({@link dev.files.error.Retry#isTransient}) asks for redelivery; any other failure is final
 * (acknowledge, log, count).
 */
@FunctionalInterface
public interface FinalizeSink {
  Future<Void> accept(ObjectFinalized event);
}
