package dev.files.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CursorTest {

  @Test
  void encodeDecodeRoundTripsEveryKindOfValue() {
    for (Object value : List.of("beach ünï ✓", 42L, -0.25, true, false, "")) {
      Cursor c = new Cursor(Sort.desc("c_x"), value, "id-1", 30);
      assertEquals(c, Cursor.decode(c.encode()), String.valueOf(value));
    }
  }

  @Test
  void aMissingValueRoundTripsAsNull() {
    Cursor c = new Cursor(Sort.asc("processedAt"), null, "id-1", 10);
    Cursor back = Cursor.decode(c.encode());
    assertNull(back.value());
    assertEquals(c, back);
  }

  @Test
  void valuesAreNormalised() {
    assertEquals(7L, new Cursor(Sort.DEFAULT, 7, "a", 0).value());
    assertEquals(3L, new Cursor(Sort.DEFAULT, 3.0, "a", 0).value());
    assertEquals(3L, Cursor.decode(new Cursor(Sort.DEFAULT, 3, "a", 0).encode()).value());
  }

  @Test
  void theTokenIsUrlSafe() {
    String token = new Cursor(Sort.asc("name"), "??>>~~", "id/+=", 1).encode();
    assertFalse(token.contains("+") || token.contains("/") || token.contains("="), token);
  }

  @Test
  void malformedTokensAreValidationErrors() {
    for (String token :
        List.of(
            "",
            "not a cursor!",
            b64("not json"),
            b64("{}"),
            b64("{\"f\":\"name\",\"d\":\"SIDEWAYS\",\"id\":\"a\"}"),
            b64("{\"f\":\"name\",\"d\":\"ASC\"}"),
            b64("{\"f\":\"name\",\"d\":\"ASC\",\"id\":\"a\",\"v\":{\"x\":1}}"),
            b64("[1,2]"))) {
      FileError e = assertThrows(FileError.class, () -> Cursor.decode(token), token);
      assertEquals(ErrorCode.VALIDATION, e.code(), token);
    }
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
