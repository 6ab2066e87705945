package dev.files.service.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL of the service with Redis as its store ({@code appendonly yes}, {@code appendfsync
 * always}) and local storage in the middle of concurrent uploads; after a restart on the same data
 * and the same Redis, and the reconciler, nothing acknowledged is lost, stuck or corrupt. Once with
 * Redis running on, once with Redis killed too and restarted from its AOF.
 */
class RedisKillIT {
  private Path redisDir;
  private KillRedisServer redis;

  @BeforeEach
  void startRedis() throws Exception {
    redisDir = Files.createTempDirectory("files-kill-redis-");
    redis = KillRedisServer.start(redisDir);
  }

  @AfterEach
  void stopRedis() throws Exception {
    if (redis != null) {
      redis.close();
    }
    KillScenario.deleteTree(redisDir);
  }

  private Map<String, String> environment() {
    return Map.of(
        "FILES_STORE_PRIMARY", "redis",
        "FILES_STORE_LIST", "redis",
        "FILES_STORE_REDIS_URL", redis.url());
  }

  @Test
  void killOfTheServiceDuringConcurrentUploadsLosesNothing() throws Exception {
    KillOutcome outcome =
        KillScenario.run(
            "redis", environment(), KillScenario.Load.standard(21), KillScenario.ALONE);
    KillScenario.assertNothingLostStuckOrCorrupt(outcome);
  }

  @Test
  void killOfTheServiceAndRedisTogetherLosesNothing() throws Exception {
    KillScenario.Companion redisToo =
        new KillScenario.Companion() {
          @Override
          public void kill() {
            redis.kill();
          }

          @Override
          public void restart() {
            redis.restart();
          }
        };
    KillOutcome outcome =
        KillScenario.run("redis+aof", environment(), KillScenario.Load.standard(31), redisToo);
    KillScenario.assertNothingLostStuckOrCorrupt(outcome);
  }
}
