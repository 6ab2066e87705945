package dev.files.service.cluster;

import dev.files.service.config.ServiceConfig;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns at start when an instance joins a cluster while keeping state only it can see: local
 * storage (blobs and the URL signing secret under its data dir) or an embedded store. Such an
 * instance answers on the shared event bus for data the other instances do not have.
 */
public final class SharedStateCheck {
  private static final Logger LOG = LoggerFactory.getLogger(SharedStateCheck.class);

  private SharedStateCheck() {}

  /** What is instance-local in a clustered configuration; empty when nothing is. */
  public static List<String> instanceLocalState(ServiceConfig config) {
    List<String> local = new ArrayList<>();
    if ("local".equals(config.storageType())) {
      String secret = config.string("storage.local.secret");
      local.add(
          "storage.type=local keeps blobs under data.dir ("
              + config.dataDir()
              + ")"
              + (secret == null || secret.isBlank()
                  ? " and signs URLs with a secret generated per data dir"
                  : ""));
    }
    for (String key : List.of("store.primary", "store.list")) {
      String backend = config.string(key);
      if ("sqlite".equals(backend) || "memory".equals(backend)) {
        local.add(key + "=" + backend + " keeps records in this instance");
      }
    }
    return List.copyOf(local);
  }

  /** Logs the warning when clustered with instance-local state. */
  public static void warnIfInstanceLocal(ClusterOptions cluster, ServiceConfig config) {
    if (!cluster.enabled()) {
      return;
    }
    List<String> local = instanceLocalState(config);
    if (!local.isEmpty()) {
      LOG.warn(
          "clustered with instance-local state: {}. This is a single-instance"
              + " setup unless every instance shares data.dir and storage.local.secret (and uses a"
              + " shared store); see docs/operations/scaling.md",
          String.join("; ", local));
    }
  }
}
