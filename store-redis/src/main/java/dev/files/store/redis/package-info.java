/**
 * The Redis backend ({@code store.primary=redis}): one hash per record, per-owner alias hashes,
 * lexicographic sort indexes and id sets per owner and per shard, a change stream per shard, all
 * written by one Lua script per write in one hash tag. See {@link
 * dev.files.store.redis.RedisFileStore} for the key layout and docs/backends/redis.md for the whole
 * design.
 */
package dev.files.store.redis;
