package dev.files.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.files.error.ErrorCode;
import io.vertx.core.VertxException;
import io.vertx.redis.client.impl.types.ErrorType;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The translation of the client's failures, with the client's own error type and the exact shape
 * its pipelined batch gives a failure ({@code ERR [<index>] <cause>}, one line per failed command,
 * the server's {@code ERR } prefix stripped, a client exception as its {@code toString()}).
 */
class RedisErrorsTest {
  private static ErrorCode code(Throwable t) {
    return RedisErrors.translate(t, "test").code();
  }

  private static ErrorType batchFailure(String... causes) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < causes.length; i++) {
      if (i > 0) {
        text.append(System.lineSeparator());
      }
      text.append("ERR [").append(i).append("] ").append(causes[i]);
    }
    return ErrorType.create(text.toString());
  }

  @Test
  void serverRepliesThatMeanLaterAreUnavailable() {
    assertEquals(
        ErrorCode.UNAVAILABLE,
        code(ErrorType.create("LOADING Redis is loading the dataset in memory")));
    assertEquals(
        ErrorCode.UNAVAILABLE, code(ErrorType.create("BUSY Redis is busy running a script.")));
    assertEquals(ErrorCode.UNAVAILABLE, code(ErrorType.create("MOVED 3999 127.0.0.1:6381")));
    assertEquals(ErrorCode.UNAVAILABLE, code(ErrorType.create("CONNECTION_CLOSED")));
  }

  @Test
  void otherRepliesAreInternal() {
    assertEquals(
        ErrorCode.INTERNAL,
        code(ErrorType.create("WRONGTYPE Operation against a key holding the wrong kind")));
    assertEquals(ErrorCode.INTERNAL, code(ErrorType.create("ERR unknown command 'NOPE'")));
    assertEquals(
        ErrorCode.INTERNAL, code(ErrorType.create("BUSYKEY Target key name already exists.")));
    assertEquals(ErrorCode.INTERNAL, code(ErrorType.create("ASKING is not a reply")));
  }

  @Test
  void aBatchWhoseCommandsAllFailedTransientlyIsUnavailable() {
    assertEquals(
        ErrorCode.UNAVAILABLE,
        code(batchFailure("LOADING Redis is loading the dataset in memory")));
    assertEquals(
        ErrorCode.UNAVAILABLE,
        code(batchFailure("BUSY Redis is busy running a script.", "BUSY Redis is busy")));
    assertEquals(
        ErrorCode.UNAVAILABLE, code(batchFailure("CONNECTION_CLOSED", "CONNECTION_CLOSED")));
    assertEquals(
        ErrorCode.UNAVAILABLE,
        code(
            batchFailure(
                new SocketException("Connection reset").toString(),
                new VertxException("Connection reset by peer").toString(),
                "io.netty.channel.unix.Errors$NativeIoException: recvAddress(..) failed:"
                    + " Connection reset by peer")));
  }

  @Test
  void aBatchWithOneRealRejectionIsInternal() {
    assertEquals(ErrorCode.INTERNAL, code(batchFailure("unknown command 'NOPE'")));
    assertEquals(
        ErrorCode.INTERNAL,
        code(batchFailure("LOADING Redis is loading", "WRONGTYPE Operation against a key")));
  }

  @Test
  void failuresOfTheConnectionItselfAreUnavailable() {
    assertEquals(ErrorCode.UNAVAILABLE, code(new SocketException("Connection reset")));
    assertEquals(ErrorCode.UNAVAILABLE, code(new TimeoutException("timed out")));
    assertEquals(ErrorCode.UNAVAILABLE, code(new VertxException("Connection is closed", true)));
  }

  @Test
  void aFailureNamesTheServersWithoutCredentials() {
    assertEquals(
        "10.0.0.7:6380,redis-b:6379",
        RedisCalls.hostsOf(List.of("redis://user:secret@10.0.0.7:6380/2", "redis://redis-b")));
  }
}
