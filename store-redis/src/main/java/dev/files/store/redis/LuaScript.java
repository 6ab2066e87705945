package dev.files.store.redis;

import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script of the store ({@code write.lua}): called by its SHA1 (EVALSHA); when the server does
 * not know it (restart, failover, a new Cluster node) it is sent once with EVAL, which also caches
 * it there.
 */
final class LuaScript {
  private final String source;
  private final String sha;

  LuaScript(String name) {
    try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      sha =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-1")
                      .digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException | NoSuchAlgorithmException | NullPointerException e) {
      throw new IllegalStateException("cannot load " + name, e);
    }
  }

  /** Runs the script as a write the store acknowledges (replicated when the store waits for it). */
  Future<Response> run(RedisCalls calls, List<String> keys, List<String> args, String what) {
    return calls
        .sendReplicatedRaw(request(Command.EVALSHA, sha, keys, args), what)
        .recover(
            t ->
                RedisErrors.isNoScript(t)
                    ? calls.sendReplicated(request(Command.EVAL, source, keys, args), what)
                    : Future.failedFuture(calls.translate(t, what)))
        .recover(t -> Future.failedFuture(FileError.of(t)));
  }

  private static Request request(Command cmd, String script, List<String> keys, List<String> args) {
    Request r = Request.cmd(cmd).arg(script).arg(keys.size());
    keys.forEach(r::arg);
    args.forEach(r::arg);
    return r;
  }
}
