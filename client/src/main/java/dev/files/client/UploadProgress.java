package dev.files.client;

/**
 * Where an upload stands, reported to the {@link Uploader}'s progress handler.
 *
 * @param uploadId the record's id (known once files.upload answered)
 * @param phase what is happening
 * @param part the index of the part being sent (0-based); the last part while waiting
 * @param bytesSent bytes of every part the storage has acknowledged so far
 * @param totalBytes bytes of every part together
 */
public record UploadProgress(
    String uploadId, Phase phase, int part, long bytesSent, long totalBytes) {

  /** The phases of an upload, in order; {@code RESUMING} may interrupt {@code SENDING}. */
  public enum Phase {
    /** Bytes of a part are going to its location. */
    SENDING,
    /** The connection dropped or the storage failed transiently; asking where to go on. */
    RESUMING,
    /** Every byte is stored; waiting until the service has processed the file. */
    WAITING,
    /** The file is {@code processed}. */
    PROCESSED
  }
}
