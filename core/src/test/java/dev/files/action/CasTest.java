package dev.files.action;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import dev.files.model.FileRecord;
import dev.files.model.Status;
import dev.files.store.FileStore;
import dev.files.store.history.WriteContext;
import dev.files.store.memory.MemoryFileStore;
import io.vertx.core.Future;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Which failures the compare-and-set loop tries again: stale writes only, never transient ones. */
class CasTest {
  private final MemoryFileStore memory = new MemoryFileStore();
  private final AtomicInteger updates = new AtomicInteger();

  private FileRecord stored(String id) {
    return await(
        memory.create(
            FileRecord.builder().uploadId(id).owner("ann").status(Status.FAILED).build()));
  }

  private static FileRecord counted(FileRecord r) {
    return r.toBuilder().errorCount(r.errorCount() + 1).build();
  }

  /** The store applies every update, then answers as {@code answer} says. */
  private FileStore store(Function<Integer, FileError> answer) {
    return (FileStore)
        Proxy.newProxyInstance(
            FileStore.class.getClassLoader(),
            new Class<?>[] {FileStore.class},
            (proxy, method, args) -> {
              Object result;
              try {
                result = method.invoke(memory, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              if (!method.getName().equals("update")) {
                return result;
              }
              FileError error = answer.apply(updates.incrementAndGet());
              return error == null
                  ? result
                  : ((Future<?>) result).compose(applied -> Future.failedFuture(error));
            });
  }

  @Test
  void aTransientFailureIsNotRepeatedSinceTheWriteMayHaveLanded() {
    FileRecord r = stored("u1");
    FileStore lossy =
        store(n -> FileError.unavailable("redis is unavailable: connection lost", null));
    FileError e =
        assertThrows(
            FileError.class,
            () -> await(Cas.change(lossy, WriteContext.unattributed(), r, 5, CasTest::counted)));
    assertEquals(ErrorCode.UNAVAILABLE, e.code());
    assertEquals(1, updates.get(), "not tried again");
    assertEquals(1, await(memory.get("u1")).errorCount(), "counted once, not five times");
  }

  @Test
  void aStaleWriteIsDecidedAgainOnTheRecordAsItIsNow() {
    FileRecord r = stored("u2");
    await(memory.update(counted(r), r.version())); // a competitor wins the first round
    FileStore plain = store(n -> null);
    Cas.Changed changed =
        await(Cas.change(plain, WriteContext.unattributed(), r, 3, CasTest::counted));
    assertEquals(2, updates.get(), "the stale write, then one on the re-read record");
    assertEquals(2, changed.after().errorCount());
  }
}
