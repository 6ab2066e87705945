package dev.files.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.files.action.ActionOptions;
import dev.files.service.config.ConfigLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultActionsTest {
  @Test
  void theDefaultsAreTheActionsDefaults() {
    ActionOptions mapped = DefaultActions.options(ConfigLoader.load(null, Map.of()));
    ActionOptions defaults = ActionOptions.defaults();
    assertEquals(defaults, mapped);
  }

  @Test
  void configurationReachesTheActions() {
    ActionOptions o =
        DefaultActions.options(
            ConfigLoader.load(
                null,
                Map.of(
                    "FILES_UPLOAD_MAXSIZE", "1000",
                    "FILES_UPLOAD_ALLOWEDTYPES", "image/*",
                    "FILES_UPLOAD_TTL", "2h",
                    "FILES_PROCESSING_MAXTRIES", "5",
                    "FILES_REMOVE_RETENTION", "7d",
                    "FILES_DOWNLOAD_EXPIRES", "10m")));
    assertEquals(1000, o.maxSize());
    assertEquals(List.of("image/*"), o.allowedContentTypes());
    assertEquals(Duration.ofHours(2), o.uploadTtl());
    assertEquals(5, o.maxTries());
    assertEquals(Duration.ofDays(7), o.retention());
    assertEquals(Duration.ofMinutes(10), o.downloadExpires());
  }
}
