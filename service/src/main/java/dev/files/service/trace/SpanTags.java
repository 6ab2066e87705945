package dev.files.service.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * What a span is about: the action, the upload and its owner. A span's children inherit what they
 * do not know themselves, so a store call inside files.tag.add carries the request's owner.
 *
 * @param action the {@code files.*} action, or null
 * @param uploadId the upload, or null
 * @param owner the upload's owner (or the caller's username), or null
 */
public record SpanTags(String action, String uploadId, String owner) {
  /** Attribute {@code files.action}. */
  public static final AttributeKey<String> ACTION = AttributeKey.stringKey("files.action");

  /** Attribute {@code files.upload_id}: on every span the service makes. */
  public static final AttributeKey<String> UPLOAD_ID = AttributeKey.stringKey("files.upload_id");

  /** Attribute {@code files.owner}. */
  public static final AttributeKey<String> OWNER = AttributeKey.stringKey("files.owner");

  private static final SpanTags NONE = new SpanTags(null, null, null);
  private static final ContextKey<SpanTags> KEY = ContextKey.named("files.span-tags");

  /** The tags of the span current in {@code context} (all null outside one). */
  static SpanTags of(Context context) {
    SpanTags tags = context.get(KEY);
    return tags == null ? NONE : tags;
  }

  /** These tags, with what they lack taken from {@code outer}. */
  SpanTags over(SpanTags outer) {
    return new SpanTags(
        action != null ? action : outer.action,
        uploadId != null ? uploadId : outer.uploadId,
        owner != null ? owner : outer.owner);
  }

  Context storeIn(Context context) {
    return context.with(KEY, this);
  }

  void applyTo(Span span) {
    if (action != null) {
      span.setAttribute(ACTION, action);
    }
    if (uploadId != null) {
      span.setAttribute(UPLOAD_ID, uploadId);
    }
    if (owner != null) {
      span.setAttribute(OWNER, owner);
    }
  }
}
