package dev.files.storage.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A starting storage removes the temporary files a dead process left behind, but not those of
 * writes in flight: instances that share a data directory start while the others upload.
 */
class LeftoverTempFilesTest {
  @TempDir Path dataDir;

  @Test
  void onlyTemporaryFilesUntouchedForLongAreRemovedAtStart() throws Exception {
    Path tmp = Files.createDirectories(dataDir.resolve("blobs/.tmp"));
    Path inFlight = Files.writeString(tmp.resolve("in-flight.tmp"), "bytes arriving");
    Path leftover = Files.writeString(tmp.resolve("leftover.tmp"), "a dead process's");
    Instant longAgo =
        Instant.now().minus(LocalBlobStorage.LEFTOVER_AGE).minus(Duration.ofMinutes(1));
    Files.setLastModifiedTime(leftover, FileTime.from(longAgo));

    try (BlobFixture fx = BlobFixture.start(dataDir)) {
      assertFalse(Files.exists(leftover), "a leftover is removed");
      assertTrue(Files.exists(inFlight), "a write in flight keeps its file");
    }
  }
}
