package dev.files.storage.local;

import dev.files.error.FileError;
import java.util.ArrayList;
import java.util.List;

/**
 * A request path under {@code /blobs/}, taken from the raw (undecoded, unnormalized) path: either
 * {@code upload/<session>} or {@code <bucket>/<object...>} with each segment percent-decoded and
 * the names checked by {@link BlobNames}.
 */
record BlobPath(String bucket, String object, String sessionId) {

  static BlobPath parse(String rawPath) {
    if (rawPath == null || !rawPath.startsWith(LocalBlobRoutes.PREFIX)) {
      throw FileError.notFound("no such path");
    }
    String rest = rawPath.substring(LocalBlobRoutes.PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash < 0) {
      throw FileError.notFound("no object in the path");
    }
    String first = rest.substring(0, slash);
    String tail = rest.substring(slash + 1);
    if (first.equals(BlobNames.SESSION_SEGMENT)) {
      if (!DiskLayout.isSessionId(tail)) {
        throw FileError.notFound("no such upload session");
      }
      return new BlobPath(null, null, tail);
    }
    String bucket = UrlCodec.decodeSegment(first);
    List<String> segments = new ArrayList<>();
    for (String segment : tail.split("/", -1)) {
      segments.add(UrlCodec.decodeSegment(segment));
    }
    String object = String.join("/", segments);
    BlobNames.checkBucket(bucket);
    BlobNames.checkObject(object);
    return new BlobPath(bucket, object, null);
  }

  boolean isSession() {
    return sessionId != null;
  }
}
