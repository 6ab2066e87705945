package dev.files.action;

import dev.files.error.FileError;
import dev.files.model.FileRecord;
import dev.files.model.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Finding and replacing one part of a record by its object name. */
final class PartList {
  private PartList() {}

  /** The part stored under {@code filename}; 404 when the record has none. */
  static Part find(FileRecord r, String filename) {
    for (Part p : r.parts()) {
      if (p.filename().equals(filename)) {
        return p;
      }
    }
    throw FileError.notFound("unknown object " + filename);
  }

  /** The record's parts with the one under {@code filename} changed. */
  static List<Part> replace(FileRecord r, String filename, UnaryOperator<Part> change) {
    List<Part> out = new ArrayList<>(r.parts().size());
    for (Part p : r.parts()) {
      out.add(p.filename().equals(filename) ? change.apply(p) : p);
    }
    return out;
  }

  static int uploadedCount(List<Part> parts) {
    return (int) parts.stream().filter(Part::uploaded).count();
  }
}
