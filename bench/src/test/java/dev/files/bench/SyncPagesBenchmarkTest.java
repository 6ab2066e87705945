package dev.files.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the sync-pages benchmark working: a few hundred records, the memory store. */
class SyncPagesBenchmarkTest {

  @Test
  void walksTheSamePagesWithAndWithoutTotals() throws Exception {
    SyncPagesCommand command = new SyncPagesCommand();
    command.backends = List.of("memory");
    command.records = 300;
    command.pageSize = 40;
    command.pages = 5;
    command.runs = 2;
    command.concurrency = 8;
    command.seed = 42;
    command.root = Path.of(".");

    List<List<String>> rows = command.run().rows();

    assertEquals(2, rows.size());
    assertEquals(List.of("counted", "not counted"), rows.stream().map(r -> r.get(1)).toList());
    assertEquals(List.of("200", "200"), rows.stream().map(r -> r.get(6)).toList());
    assertEquals(List.of("300", "none"), rows.stream().map(r -> r.get(7)).toList());
  }
}
