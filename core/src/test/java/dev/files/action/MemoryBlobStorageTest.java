package dev.files.action;

import static dev.files.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.blob.ObjectFinalized;
import dev.files.blob.ObjectStat;
import dev.files.blob.memory.MemoryBlobStorage;
import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import org.junit.jupiter.api.Test;

/** The in-memory blob storage that the actions' tests (and other modules' tests) stand on. */
class MemoryBlobStorageTest {
  private final MemoryBlobStorage blobs = new MemoryBlobStorage("b");

  @Test
  void putStatReadDelete() {
    ObjectFinalized first = blobs.put("b", "o/x.txt", Fixture.text("hello"), "text/plain");
    ObjectFinalized second = blobs.put("b", "o/x.txt", Fixture.text("hello world"), "text/plain");
    assertTrue(second.generation() > first.generation());
    assertEquals("o/x.txt", second.toFinishRequest().getString("filename"));
    ObjectStat stat = await(blobs.stat("b", "o/x.txt"));
    assertEquals(11, stat.size());
    assertEquals(MemoryBlobStorage.md5Base64(Fixture.text("hello world")), stat.md5Base64());
    assertEquals(
        "XrY7u+Ae7tCTyyK7j1rNww==", MemoryBlobStorage.md5Base64(Fixture.text("hello world")));
    assertEquals("world", await(blobs.read("b", "o/x.txt", 6, 100)).toString());
    await(blobs.delete("b", "o/x.txt", first.generation()));
    assertTrue(blobs.exists("b", "o/x.txt"), "another generation is not deleted");
    await(blobs.delete("b", "o/x.txt", null));
    await(blobs.delete("b", "o/x.txt", null));
    assertFalse(blobs.exists("b", "o/x.txt"));
    FileError e = assertThrows(FileError.class, () -> await(blobs.stat("b", "o/x.txt")));
    assertEquals(ErrorCode.NOT_FOUND, e.code());
  }

  @Test
  void urlsAndFailures() {
    assertTrue(await(blobs.signDownload("b", "o", 60, "a b.png")).contains("saveAs=a+b.png"));
    assertEquals("memory://b/o", blobs.directUrl("b", "o"));
    blobs.put("b", "o", new byte[] {1});
    await(blobs.setPublic("b", "o", true));
    assertTrue(blobs.get("b", "o").isPublic());
    blobs.failDeletes(true);
    assertEquals(
        ErrorCode.UNAVAILABLE,
        assertThrows(FileError.class, () -> await(blobs.delete("b", "o", null))).code());
    blobs.failStats(true);
    assertEquals(
        ErrorCode.UNAVAILABLE,
        assertThrows(FileError.class, () -> await(blobs.stat("b", "o"))).code());
  }
}
