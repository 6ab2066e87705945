package dev.files.store.query;

import dev.files.model.FileRecord;
import dev.files.store.Cursor;
import dev.files.store.Direction;
import dev.files.store.Sort;
import java.util.Comparator;

/** The reference order of a sort (ties by uploadId, same direction) and the keyset predicate. */
public final class RecordOrder {
  private RecordOrder() {}

  public static Comparator<FileRecord> comparator(Sort sort) {
    Comparator<FileRecord> asc =
        (a, b) -> {
          int c = Values.compareForSort(a.field(sort.field()), b.field(sort.field()));
          return c != 0 ? c : a.uploadId().compareTo(b.uploadId());
        };
    return sort.direction() == Direction.ASC ? asc : asc.reversed();
  }

  /** Whether the record comes strictly after the cursor's position in the cursor's order. */
  public static boolean after(Cursor cursor, FileRecord r) {
    int c = Values.compareForSort(r.field(cursor.sort().field()), cursor.value());
    if (c == 0) {
      c = r.uploadId().compareTo(cursor.uploadId());
    }
    return cursor.sort().direction() == Direction.ASC ? c > 0 : c < 0;
  }
}
