package dev.files.store;

/** Sort direction. */
public enum Direction {
  ASC,
  DESC
}
