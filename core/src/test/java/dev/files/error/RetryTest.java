package dev.files.error;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class RetryTest {
  @Test
  void onlyUnavailableIsATransientCode() {
    for (ErrorCode code : ErrorCode.values()) {
      if (code == ErrorCode.UNAVAILABLE) {
        assertTrue(Retry.isTransient(code));
      } else {
        assertFalse(Retry.isTransient(code), code.code());
      }
    }
  }

  @Test
  void classifiesThrowables() {
    assertTrue(Retry.isTransient(FileError.unavailable("down", null)));
    assertTrue(Retry.isTransient(new TimeoutException("slow")));
    assertTrue(Retry.isTransient(new RuntimeException(new TimeoutException("slow"))));
    assertFalse(Retry.isTransient(FileError.validation("bad")));
    assertFalse(Retry.isTransient(new IllegalStateException("bug")));
    assertFalse(Retry.isTransient(new FileError(ErrorCode.INTERNAL, "x", new TimeoutException())));
  }

  @Test
  void onlyAVersionConflictIsStale() {
    assertTrue(Retry.isStale(FileError.versionConflict("u", 3)));
    assertFalse(Retry.isStale(FileError.unavailable("down", null)));
    assertFalse(Retry.isStale(new FileError(ErrorCode.CONFLICT, "exists")));
    assertFalse(Retry.isStale(new IllegalStateException("bug")));
  }
}
