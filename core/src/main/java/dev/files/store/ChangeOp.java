package dev.files.store;

/** What a change did to a record. */
public enum ChangeOp {
  CREATE,
  UPDATE,
  DELETE
}
