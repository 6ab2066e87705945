package dev.files.service.trace;

import dev.files.blob.BlobStorage;
import dev.files.blob.ObjectStat;
import dev.files.blob.UploadRequest;
import dev.files.blob.UploadTarget;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.function.Supplier;

/**
 * A {@link BlobStorage} decorator that makes each call inside a traced step a span {@code
 * storage.<method>} with the object ({@code files.object}) and its upload (the uploadId segment of
 * the object name, {@code <owner hash>/<uploadId>/<part>}).
 */
public final class TracedBlobStorage implements BlobStorage {
  /** Attribute {@code files.object}: the object name. */
  public static final AttributeKey<String> OBJECT = AttributeKey.stringKey("files.object");

  private final BlobStorage delegate;
  private final Tracing tracing;

  public TracedBlobStorage(BlobStorage delegate, Tracing tracing) {
    this.delegate = delegate;
    this.tracing = tracing;
  }

  private <T> Future<T> traced(String method, String object, Supplier<Future<T>> call) {
    Span span =
        tracing.startCall(
            "storage." + method, Context.current(), new SpanTags(null, uploadIdOf(object), null));
    if (span == null) {
      return VertxContextStorage.safely(call);
    }
    if (object != null) {
      span.setAttribute(OBJECT, object);
    }
    return VertxContextStorage.safely(call).andThen(ar -> Tracing.end(span, ar));
  }

  /** The uploadId segment of one of the service's object names, or null. */
  static String uploadIdOf(String object) {
    if (object == null) {
      return null;
    }
    String[] segments = object.split("/", -1);
    return segments.length == 3 && segments[1].length() == 36 ? segments[1] : null;
  }

  @Override
  public String bucket() {
    return delegate.bucket();
  }

  @Override
  public Future<UploadTarget> signUpload(UploadRequest request) {
    return traced("signUpload", request.object(), () -> delegate.signUpload(request));
  }

  @Override
  public Future<String> signDownload(
      String bucket, String object, long expiresSeconds, String saveAs) {
    return traced(
        "signDownload",
        object,
        () -> delegate.signDownload(bucket, object, expiresSeconds, saveAs));
  }

  @Override
  public String directUrl(String bucket, String object) {
    return delegate.directUrl(bucket, object);
  }

  @Override
  public Future<ObjectStat> stat(String bucket, String object) {
    return traced("stat", object, () -> delegate.stat(bucket, object));
  }

  @Override
  public Future<Buffer> read(String bucket, String object, long offset, int length) {
    return traced("read", object, () -> delegate.read(bucket, object, offset, length));
  }

  @Override
  public Future<Void> delete(String bucket, String object, Long generation) {
    return traced("delete", object, () -> delegate.delete(bucket, object, generation));
  }

  @Override
  public Future<Void> setPublic(String bucket, String object, boolean isPublic) {
    return traced("setPublic", object, () -> delegate.setPublic(bucket, object, isPublic));
  }
}
