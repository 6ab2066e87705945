package dev.files.blob;

/**
 * What storage says of a stored object.
 *
 * @param bucket bucket
 * @param object object name
 * @param size bytes
 * @param md5Base64 MD5 of the bytes, base64 (null if storage does not know it, e.g. composite)
 * @param crc32c CRC32C, base64 big-endian as GCS reports it, or null
 * @param generation storage generation (local storage: the finalize time in microseconds)
 * @param contentType stored content type
 */
public record ObjectStat(
    String bucket,
    String object,
    long size,
    String md5Base64,
    String crc32c,
    long generation,
    String contentType) {}
