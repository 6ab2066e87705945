package dev.files.service.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.files.store.Capability;
import dev.files.store.FileStore;
import dev.files.store.memory.MemoryFileStore;
import java.lang.reflect.Proxy;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingAdviceTest {
  @Test
  void theIntendedRoutingGivesNoWarning() {
    FileStore indexed = storeWith(EnumSet.of(Capability.INDEXED_SORT, Capability.DURABLE));
    assertEquals(List.of(), RoutingAdvice.warnings("redis", indexed, "couchdb", indexed));
  }

  @Test
  void aListStoreWithoutIndexedSortIsNamed() {
    FileStore durable = storeWith(EnumSet.of(Capability.DURABLE));
    List<String> warnings = RoutingAdvice.warnings("redis", durable, "redis", durable);
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).startsWith("store.list=redis sorts files.list by scanning"));
  }

  @Test
  void theMemoryStoreAsPrimaryIsNamedForWhatItLoses() {
    List<String> warnings =
        RoutingAdvice.warnings("memory", new MemoryFileStore(), "memory", new MemoryFileStore());
    assertEquals(2, warnings.size());
    assertTrue(warnings.get(1).contains("store.primary=memory keeps records in memory only"));
  }

  private static FileStore storeWith(Set<Capability> capabilities) {
    return (FileStore)
        Proxy.newProxyInstance(
            FileStore.class.getClassLoader(),
            new Class<?>[] {FileStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("capabilities")) {
                return capabilities;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
