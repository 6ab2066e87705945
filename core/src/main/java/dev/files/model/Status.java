package dev.files.model;

import java.util.Locale;

/** Where a file is in its life: pending → uploaded → processing → processed or failed. */
public enum Status {
  PENDING,
  UPLOADED,
  PROCESSING,
  PROCESSED,
  FAILED;

  /** The wire name: lower case. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Status fromWire(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
