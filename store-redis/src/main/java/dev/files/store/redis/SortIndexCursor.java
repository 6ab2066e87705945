package dev.files.store.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * One shard's sort index, read in order read by read: each read starts near what the page needs and
 * doubles up to the batch size (ZRANGEBYLEX/ZREVRANGEBYLEX with LIMIT, exclusive start).
 */
final class SortIndexCursor {
  /**
   * How much each read grows over the one before, up to the batch size: a page whose first read
   * fell short (fewer hits than the estimate) reaches the batch size in a few round trips.
   */
  static final int READ_GROWTH = 2;

  private final RedisCalls calls;
  private final int shard;
  private final String key;
  private final boolean asc;
  private final int batch;
  private final List<String> buffer = new ArrayList<>();
  private String start;
  private int head;
  private boolean exhausted;
  private int size;

  SortIndexCursor(
      RedisCalls calls,
      int shard,
      String key,
      boolean asc,
      String start,
      int firstRead,
      int batch) {
    this.calls = calls;
    this.shard = shard;
    this.key = key;
    this.asc = asc;
    this.start = start;
    this.size = firstRead;
    this.batch = batch;
  }

  /** Whether every read member has been taken. */
  boolean empty() {
    return head >= buffer.size();
  }

  /** Whether the index has nothing beyond what was read. */
  boolean exhausted() {
    return exhausted;
  }

  /** The next member, not taken yet; only when not {@link #empty()}. */
  String peek() {
    return buffer.get(head);
  }

  /** Takes the next member as a candidate. */
  Ref take() {
    return new Ref(shard, SortKey.uploadIdOf(buffer.get(head++)));
  }

  /** Reads the next members in place of the buffered ones. */
  Future<Void> fill() {
    Request r =
        asc
            ? Request.cmd(Command.ZRANGEBYLEX).arg(key).arg(start).arg("+")
            : Request.cmd(Command.ZREVRANGEBYLEX).arg(key).arg(start).arg("-");
    int asked = size;
    size = Math.min(batch, size * READ_GROWTH);
    r.arg("LIMIT").arg(0).arg(asked);
    return calls
        .send(r, "list")
        .map(
            res -> {
              buffer.clear();
              head = 0;
              for (Response m : res) {
                buffer.add(m.toString());
              }
              exhausted = buffer.size() < asked;
              if (!buffer.isEmpty()) {
                start = "(" + buffer.get(buffer.size() - 1);
              }
              return null;
            });
  }
}
