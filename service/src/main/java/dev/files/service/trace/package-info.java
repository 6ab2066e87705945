/**
 * Tracing: OpenTelemetry spans for each request (HTTP or event bus), store call, storage call,
 * storage notification, files.finish, processing run and reconciler run, every one carrying {@code
 * files.upload_id}; exported over OTLP when the standard {@code OTEL_*} settings ask for it, a
 * no-op otherwise (docs/operations/observability.md).
 */
package dev.files.service.trace;
