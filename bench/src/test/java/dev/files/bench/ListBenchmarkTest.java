package dev.files.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.model.FileRecord;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keeps the generator and the list benchmark working: a few hundred records, the memory store. */
class ListBenchmarkTest {
  private static final int RECORDS = 300;

  @Test
  void listBenchmarkOnTheMemoryStoreReportsOneRowPerQueryWithTheRightTotals() throws Exception {
    ListCommand command = new ListCommand();
    command.backends = List.of("memory");
    command.records = RECORDS;
    command.runs = 3;
    command.warmup = 1;
    command.concurrency = 8;
    command.gets = 100;
    command.seed = 42;
    command.root = Path.of(".");

    List<List<String>> rows = command.run().rows();

    assertEquals(3, rows.size());
    assertEquals(List.of("memory", "memory", "memory"), rows.stream().map(r -> r.get(0)).toList());
    assertTrue(rows.get(0).get(1).startsWith("a:"));
    assertTrue(rows.get(1).get(1).startsWith("b:"));
    assertTrue(rows.get(2).get(1).startsWith("c:"));
    DataSet data = new DataSet(42);
    long quasars = 0;
    long ownerFiles = 0;
    for (int i = 0; i < RECORDS; i++) {
      FileRecord r = data.record(i);
      if (r.name().contains(DataSet.NEEDLE) && r.contentLength() >= 1000) {
        quasars++;
      }
      if (r.owner().equals(ListQueries.OWNER)) {
        ownerFiles++;
      }
    }
    assertEquals(String.valueOf(RECORDS), rows.get(0).get(5));
    assertEquals(String.valueOf(quasars), rows.get(1).get(5));
    assertEquals(String.valueOf(ownerFiles), rows.get(2).get(5));
  }

  @Test
  void dataSetHasTheDocumentedShapeAndIsAFunctionOfTheSeed() {
    DataSet data = new DataSet(42);
    int n = 5000;
    int quasar = 0;
    int publicFiles = 0;
    Set<String> owners = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < n; i++) {
      FileRecord r = data.record(i);
      assertEquals(r, data.record(i));
      ids.add(r.uploadId());
      owners.add(r.owner());
      quasar += r.name().contains(DataSet.NEEDLE) ? 1 : 0;
      publicFiles += r.isPublic() ? 1 : 0;
      assertTrue(r.contentLength() >= 100 && r.contentLength() <= 100_000_000);
      assertTrue(r.tags().size() <= 5);
      assertTrue(r.uploadedAt() > DataSet.ANCHOR - 366L * 24 * 3600 * 1000);
      assertEquals("processed", r.status().wire());
    }
    assertEquals(n, ids.size());
    assertEquals(DataSet.OWNERS, owners.size());
    assertTrue(quasar > n * 0.01 && quasar < n * 0.03, "quasar names: " + quasar);
    assertTrue(publicFiles > n * 0.45 && publicFiles < n * 0.55, "public: " + publicFiles);
  }
}
