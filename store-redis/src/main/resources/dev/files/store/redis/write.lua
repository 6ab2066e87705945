-- One atomic write of one record: compare-and-set on its version, alias uniqueness, index
-- maintenance, the change-feed entry and the history entry, all in keys of one hash tag (one
-- Cluster slot).
-- Bounded: the work is proportional to the record's own index entries, never to the data size.
--
-- KEYS[1] record hash   KEYS[2] the owner's alias hash   KEYS[3] the shard's change stream
-- KEYS[4] the record's history zset (score: version after the change, member: entry JSON)
-- KEYS[5..] the index keys of the new entries (declared for Cluster; the old entries, read from
--           the record's _ix, carry the same hash tag). Index entries: see IndexEntries.java.
-- ARGV[1] mode: create | update | delete   ARGV[2] uploadId   ARGV[3] expected version
-- ARGV[4] alias ('' for none)   ARGV[5] shard key prefix   ARGV[6] new index entries (JSON)
-- ARGV[7] stream MAXLEN (approximate)   ARGV[8], ARGV[9] the two index levels ('g:', 'o:<h>:')
-- ARGV[10] the history entry (JSON; '' for a delete, which drops the history)
-- ARGV[11] entries with a version up to this are dropped (version - maxEntries)
-- ARGV[12] entries with an 'at' before this are dropped (epoch ms)
-- ARGV[13..] record fields: name, value, name, value...
-- Returns {'ok', version, streamId} or {'conflict' | 'alias-taken' | 'not-found' | 'version-conflict'}.
local rec, aliases, stream = KEYS[1], KEYS[2], KEYS[3]
local mode, id, expected, alias, prefix, ix, maxlen =
  ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7]

local function negate(s)
  if string.sub(s, 1, 1) == '-' then return string.sub(s, 2) end
  return '-' .. s
end

local levels = {ARGV[8], ARGV[9]}

-- Adds (add = true) or removes the entries of an _ix value (see IndexEntries) at both levels.
local function apply(encoded, add)
  if not encoded or encoded == '' then return end
  local e = cjson.decode(encoded)
  for _, level in ipairs(levels) do
    for field, value in pairs(e.z) do
      local key, member = prefix .. level .. 'z:' .. field, value .. '\0' .. id
      if add then redis.call('ZADD', key, 0, member) else redis.call('ZREM', key, member) end
    end
    for _, set in ipairs(e.i) do
      if add then redis.call('ZADD', prefix .. level .. set, 0, id)
      else redis.call('ZREM', prefix .. level .. set, id) end
    end
    for _, c in ipairs(e.c) do
      local delta = c[2]
      if not add then delta = negate(delta) end
      redis.call('HINCRBY', prefix .. level .. 'stats', c[1], delta)
    end
  end
  -- name grams: whole shard only (levels[1] is 'g:')
  for _, g in ipairs(e.n or {}) do
    local key = prefix .. levels[1] .. 'n:' .. g
    if add then redis.call('ZADD', key, 0, id) else redis.call('ZREM', key, id) end
  end
end

local function aliasFree()
  if alias == '' then return true end
  local holder = redis.call('HGET', aliases, alias)
  return (not holder) or holder == id
end

local version
if mode == 'create' then
  if redis.call('EXISTS', rec) == 1 then return {'conflict'} end
  if not aliasFree() then return {'alias-taken'} end
  version = 1
else
  local cur = redis.call('HMGET', rec, 'version', '_alias', '_ix')
  if not cur[1] then return {'not-found'} end
  if cur[1] ~= expected then return {'version-conflict'} end
  if mode == 'update' and not aliasFree() then return {'alias-taken'} end
  local oldAlias = cur[2]
  if oldAlias and (mode == 'delete' or oldAlias ~= alias) then
    if redis.call('HGET', aliases, oldAlias) == id then redis.call('HDEL', aliases, oldAlias) end
  end
  apply(cur[3], false)
  version = tonumber(expected) + 1
end

local v = string.format('%d', version)
redis.call('DEL', rec)
if mode ~= 'delete' then
  local fields = {}
  for i = 13, #ARGV do fields[#fields + 1] = ARGV[i] end
  redis.call('HSET', rec, unpack(fields))
  redis.call('HSET', rec, 'version', v, '_ix', ix)
  if alias ~= '' then
    redis.call('HSET', rec, '_alias', alias)
    redis.call('HSET', aliases, alias, id)
  end
  apply(ix, true)
end
-- The history: a create starts a new one (a record created again after a delete), a delete
-- drops it; the retention's cap and age are applied here, so the history never outgrows them.
local hist, entry = KEYS[4], ARGV[10]
if mode ~= 'update' then redis.call('DEL', hist) end
if entry ~= '' then
  redis.call('ZADD', hist, version, entry)
  redis.call('ZREMRANGEBYSCORE', hist, '-inf', ARGV[11])
  local oldest = tonumber(ARGV[12])
  -- Bounded: each round removes an entry of a history that the cap already keeps small.
  while true do
    local first = redis.call('ZRANGE', hist, 0, 0)
    if #first == 0 or cjson.decode(first[1]).at >= oldest then break end
    redis.call('ZREM', hist, first[1])
  end
end
-- t (server time in microseconds) orders entries of different shards' streams: scripts run one
-- at a time on a server, so it is the order they were applied in on a single server.
local now = redis.call('TIME')
local t = now[1] .. string.format('%06d', tonumber(now[2]))
local sid = redis.call('XADD', stream, 'MAXLEN', '~', maxlen, '*', 'u', id, 'v', v, 'o', mode, 't', t)
return {'ok', v, sid}
