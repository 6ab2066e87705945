package dev.files.blob;

import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A counter a storage keeps (notification outcomes), described without a metrics library so that
 * core needs none: the service registers it as a function counter.
 *
 * @param name the meter name, dotted ({@code files.notifications})
 * @param description one line
 * @param tags tag names and values
 * @param count the current count
 */
public record StorageMeter(
    String name, String description, Map<String, String> tags, LongSupplier count) {
  public StorageMeter {
    tags = Map.copyOf(tags);
  }
}
