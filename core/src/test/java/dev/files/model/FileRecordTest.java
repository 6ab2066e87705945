package dev.files.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.files.store.tck.Records;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class FileRecordTest {

  @Test
  void equalRecordsHaveEqualHashes() {
    FileRecord r = Records.everyField("ann").build();
    FileRecord back = FileRecordJson.fromJson(new JsonObject(FileRecordJson.toJson(r).encode()));
    assertEquals(r, back);
    assertEquals(r.hashCode(), back.hashCode());
  }

  @Test
  void customNumbersCompareByValue() {
    FileRecord.Builder b = FileRecord.builder().uploadId("u").owner("o").status(Status.PROCESSED);
    FileRecord three = b.custom("c_n", 3).build();
    assertEquals(three, b.custom("c_n", 3.0).build());
    assertEquals(three.hashCode(), b.custom("c_n", 3L).build().hashCode());
  }

  @Test
  void everyFieldTakesPartInEquality() {
    FileRecord r = Records.everyField("ann").build();
    List<UnaryOperator<FileRecord.Builder>> changes =
        List.of(
            b -> b.uploadId("other"),
            b -> b.owner("bob"),
            b -> b.status(Status.PROCESSED),
            b -> b.name("x"),
            b -> b.description("x"),
            b -> b.website("x"),
            b -> b.alias("x"),
            b -> b.tags(List.of("sea", "holiday", "2023")),
            b -> b.custom("c_iso", 401),
            b -> b.uploadType("x"),
            b -> b.isPublic(false),
            b -> b.directOnly(false),
            b -> b.unlisted(false),
            b -> b.temp(false),
            b -> b.partCount(3),
            b -> b.uploadedParts(2),
            b -> b.contentLength(1),
            b -> b.parts(r.parts().subList(0, 1)),
            b -> b.startedAt(1L),
            b -> b.uploadedAt(1L),
            b -> b.processedAt(1L),
            b -> b.updatedAt(1L),
            b -> b.deletedAt(null),
            b -> b.leaseUntil(null),
            b -> b.error(null),
            b -> b.errorCount(0),
            b -> b.version(2),
            b -> b.postAction(new JsonObject()),
            b -> b.origin(null),
            b -> b.provenance(new JsonObject()),
            b -> b.traceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
    for (int i = 0; i < changes.size(); i++) {
      assertNotEquals(r, changes.get(i).apply(r.toBuilder()).build(), "change " + i);
    }
  }
}
