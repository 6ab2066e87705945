package dev.files.blob;

import java.util.Map;

/**
 * Where the client sends the bytes: {@code PUT location} with {@code headers}.
 *
 * @param location the signed URL or resumable session URL
 * @param headers the headers the client must send (Content-Type, Content-MD5, ...)
 * @param resumable whether location is a resumable session
 */
public record UploadTarget(String location, Map<String, String> headers, boolean resumable) {
  public UploadTarget {
    headers = Map.copyOf(headers);
  }
}
