package dev.files.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigKeyTest {
  @Test
  void valuesFromFilesAndVariablesTakeTheirKeysType() {
    assertEquals(8080L, ConfigType.INTEGER.coerce("8080"));
    assertEquals(8080L, ConfigType.INTEGER.coerce(8080));
    assertEquals(2.5, ConfigType.DECIMAL.coerce("2.5"));
    assertEquals(true, ConfigType.BOOLEAN.coerce("TRUE"));
    assertEquals(false, ConfigType.BOOLEAN.coerce(false));
    assertEquals("2024", ConfigType.STRING.coerce(2024));
    assertEquals("250ms", ConfigType.DURATION.coerce(" 250ms "));
    assertEquals(90L, ConfigType.DURATION.coerce(90));
    assertEquals(new JsonArray().add("a").add("b"), ConfigType.LIST.coerce("a, b,"));
    assertEquals(new JsonArray().add("1").add("x"), ConfigType.LIST.coerce(List.of(1, "x")));
    assertEquals(new JsonArray(), ConfigType.LIST.coerce(""));
    assertEquals(new JsonObject().put("K", 1), ConfigType.MAP.coerce("{\"K\": 1}"));
    assertEquals(new JsonObject().put("K", 1), ConfigType.MAP.coerce(Map.of("K", 1)));
  }

  @Test
  void valuesOfAnotherTypeAreNotCoerced() {
    assertNull(ConfigType.INTEGER.coerce("8080.5"));
    assertNull(ConfigType.INTEGER.coerce(1.5));
    assertNull(ConfigType.INTEGER.coerce(true));
    assertNull(ConfigType.BOOLEAN.coerce("yes"));
    assertNull(ConfigType.BOOLEAN.coerce(1));
    assertNull(ConfigType.DURATION.coerce("soon"));
    assertNull(ConfigType.DURATION.coerce(-1));
    assertNull(ConfigType.STRING.coerce(new JsonObject()));
    assertNull(ConfigType.LIST.coerce(List.of(Map.of())));
    assertNull(ConfigType.MAP.coerce("[1]"));
    assertNull(ConfigType.MAP.coerce("not json"));
  }

  @Test
  void aBadValueFailsAsValidationNamingTheKeyAndItsSource() {
    ConfigKey key = ConfigKey.integer("store.redis.shards", 16L, "doc");
    FileError e = assertThrows(FileError.class, () -> key.coerce("many", "FILES_X"));
    assertEquals(ErrorCode.VALIDATION, e.code());
    assertEquals("store.redis.shards (FILES_X): 'many' is not an integer", e.getMessage());
  }

  @Test
  void aKeyWithChoicesTakesOnlyThem() {
    ConfigKey key = ConfigKey.oneOf("type", "standalone", "doc", "standalone", "cluster");
    assertEquals("cluster", key.coerce("cluster", "file"));
    FileError e = assertThrows(FileError.class, () -> key.coerce("ring", "file"));
    assertEquals("type (file): 'ring' is not one of standalone, cluster", e.getMessage());
  }

  @Test
  void aDefaultMustBeOfItsType() {
    assertThrows(IllegalArgumentException.class, () -> ConfigKey.duration("a", "soon", "doc"));
    assertThrows(IllegalArgumentException.class, () -> ConfigKey.oneOf("a", "c", "doc", "a", "b"));
  }

  @Test
  void namesAreDottedSegmentsWithoutUnderscores() {
    assertThrows(IllegalArgumentException.class, () -> ConfigKey.string("a_b", null, "doc"));
    assertThrows(IllegalArgumentException.class, () -> ConfigKey.string("a..b", null, "doc"));
    assertEquals(
        "store.redis.url", ConfigKey.string("url", null, "doc").under("store.redis").name());
  }

  @Test
  void defaultsBecomeATreeAndListsAreCopied() {
    ConfigKey list = ConfigKey.list("a.origins", List.of("x"), "doc");
    JsonObject tree =
        ConfigKey.defaults(
            List.of(
                list, ConfigKey.integer("a.b.c", 3L, "doc"), ConfigKey.string("a.d", null, "doc")));
    assertEquals(
        new JsonObject()
            .put(
                "a",
                new JsonObject()
                    .put("origins", new JsonArray().add("x"))
                    .put("b", new JsonObject().put("c", 3L))),
        tree);
    tree.getJsonObject("a").getJsonArray("origins").add("y");
    assertEquals(new JsonArray().add("x"), list.defaultCopy());
  }
}
