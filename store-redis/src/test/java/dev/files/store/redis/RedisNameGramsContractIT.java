package dev.files.store.redis;

import dev.files.store.tck.ChangeFeedContract;
import dev.files.store.tck.FileStoreContract;
import dev.files.store.tck.StoreFixture;

/** The whole store contract with {@code nameGrams} on: name substrings served from gram sets. */
class RedisNameGramsContractIT extends FileStoreContract implements ChangeFeedContract {
  @Override
  protected StoreFixture fixture() {
    RedisStoreConfig config =
        RedisStoreConfig.from(RedisTestServer.shared().freshConfig(4).put("nameGrams", true));
    return StoreFixture.reopening(vertx -> RedisStoreProvider.open(vertx, config));
  }
}
