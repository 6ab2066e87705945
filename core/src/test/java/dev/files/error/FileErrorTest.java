package dev.files.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class FileErrorTest {
  @Test
  void aServerSideErrorAnswersAFixedMessageWithoutDetails() {
    FileError down =
        new FileError(
            ErrorCode.UNAVAILABLE,
            "redis is unavailable (get x): Connection refused: /10.1.2.3:6379",
            List.of("10.1.2.3:6379"),
            null);
    JsonObject body = down.toJson().getJsonObject("error");
    assertEquals(503, body.getInteger("status"));
    assertEquals("unavailable", body.getString("code"));
    String text = down.toJson().encode();
    for (String secret : List.of("redis", "10.1.2.3", "6379", "refused")) {
      assertFalse(text.contains(secret), secret + " leaks: " + text);
    }
    assertTrue(body.getJsonArray("details").isEmpty());
    assertEquals(
        "internal error",
        FileError.of(new IllegalStateException("x"))
            .toJson()
            .getJsonObject("error")
            .getString("message"));
  }

  @Test
  void aRefusalKeepsItsMessageAndDetails() {
    JsonObject body = FileError.validation("bad tag", "tags[0]").toJson().getJsonObject("error");
    assertEquals("bad tag", body.getString("message"));
    assertEquals("tags[0]", body.getJsonArray("details").getString(0));
  }

  @Test
  void ofClassifiesAsRetryDoes() {
    FileError wrapped = FileError.notFound("gone");
    assertSame(wrapped, FileError.of(new RuntimeException(wrapped)));
    FileError timeout = FileError.of(new TimeoutException("slow"));
    assertEquals(ErrorCode.UNAVAILABLE, timeout.code());
    assertTrue(Retry.isTransient(timeout));
    assertEquals(ErrorCode.INTERNAL, FileError.of(new IllegalStateException("bug")).code());
  }
}
