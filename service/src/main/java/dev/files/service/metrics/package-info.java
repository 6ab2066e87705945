/** Metrics: the Prometheus registry behind {@code GET /metrics} and the timing store decorator. */
package dev.files.service.metrics;
