package dev.files.service.trace;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the OTEL_* settings turn tracing on, and that the bundled exporter then starts. */
class TracingSettingsTest {
  @Test
  void offUnlessAnExporterOrAnEndpointIsSet() {
    assertFalse(Tracing.requested(Map.of()));
    assertFalse(Tracing.requested(Map.of("OTEL_SERVICE_NAME", "files")));
    assertFalse(Tracing.requested(Map.of("OTEL_TRACES_EXPORTER", "none")));
    assertTrue(Tracing.requested(Map.of("OTEL_TRACES_EXPORTER", "otlp")));
    assertTrue(Tracing.requested(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")));
    assertTrue(Tracing.requested(Map.of("otel.exporter.otlp.traces.endpoint", "http://c:4318")));
    assertFalse(
        Tracing.requested(
            Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318", "OTEL_SDK_DISABLED", "true")));
  }

  @Test
  void anEndpointAloneStartsTheOtlpExporter() {
    System.setProperty("otel.exporter.otlp.endpoint", "http://127.0.0.1:9");
    try (Tracing tracing = Tracing.fromEnvironment()) {
      assertTrue(tracing.enabled());
    } finally {
      System.clearProperty("otel.exporter.otlp.endpoint");
    }
  }
}
