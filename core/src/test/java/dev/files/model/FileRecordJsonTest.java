package dev.files.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.files.store.tck.Records;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileRecordJsonTest {

  @Test
  void everyFieldRoundTripsThroughJsonText() {
    FileRecord r = Records.everyField("ann").version(5).build();
    FileRecord back = FileRecordJson.fromJson(new JsonObject(FileRecordJson.toJson(r).encode()));
    assertEquals(r, back);
    assertEquals(FileRecordJson.toJson(r), FileRecordJson.toJson(back));
    assertEquals(r.parts(), back.parts());
    assertEquals(r.custom(), back.custom());
  }

  @Test
  void aMinimalRecordRoundTripsWithUnsetFieldsAbsent() {
    FileRecord r = FileRecord.builder().uploadId("u1").owner("ann").status(Status.PENDING).build();
    JsonObject j = FileRecordJson.toJson(r);
    for (String absent :
        List.of("name", "description", "alias", "startedAt", "deletedAt", "postAction", "error")) {
      assertFalse(j.containsKey(absent), absent);
    }
    assertEquals(r, FileRecordJson.fromJson(new JsonObject(j.encode())));
  }

  @Test
  void jsonTypesAreRealTypes() {
    JsonObject j = FileRecordJson.toJson(Records.everyField("ann").build());
    assertInstanceOf(Number.class, j.getValue("contentLength"));
    assertInstanceOf(Number.class, j.getValue("startedAt"));
    assertInstanceOf(Boolean.class, j.getValue("public"));
    assertInstanceOf(Number.class, j.getValue("c_iso"));
    assertInstanceOf(Boolean.class, j.getValue("c_raw"));
    assertEquals("failed", j.getString("status"));
  }

  @Test
  void customNumbersAreNormalisedBothWays() {
    FileRecord r =
        FileRecordJson.fromJson(
            new JsonObject(
                "{\"uploadId\":\"u\",\"owner\":\"o\",\"status\":\"processed\","
                    + "\"c_a\":3.0,\"c_b\":7,\"c_c\":0.5,\"c_d\":null,\"other\":1}"));
    assertEquals(Map.of("c_a", 3L, "c_b", 7L, "c_c", 0.5), r.custom());
    assertEquals(r, FileRecordJson.fromJson(FileRecordJson.toJson(r)));
  }
}
