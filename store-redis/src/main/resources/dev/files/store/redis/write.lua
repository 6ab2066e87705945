-- One atomic write of one record: compare-and-set on its version, alias uniqueness, index
-- maintenance and the change-feed entry, all in keys of one hash tag (one Cluster slot).
-- Bounded: the work is proportional to the record's own index entries, never to the data size.
--
-- KEYS[1] record hash   KEYS[2] the owner's alias hash   KEYS[3] the shard's change stream
-- KEYS[4..] the index keys of the new entries (declared for Cluster; the old entries, read from
--           the record's _ix, carry the same hash tag)
-- ARGV[1] mode: create | update | delete   ARGV[2] uploadId   ARGV[3] expected version
-- ARGV[4] alias ('' for none)   ARGV[5] shard key prefix   ARGV[6] new index entries (JSON)
-- ARGV[7] stream MAXLEN (approximate)   ARGV[8..] record fields: name, value, name, value...
-- Returns {'ok', version, streamId} or {'conflict' | 'alias-taken' | 'not-found' | 'version-conflict'}.
local rec, aliases, stream = KEYS[1], KEYS[2], KEYS[3]
local mode, id, expected, alias, prefix, ix, maxlen =
  ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7]

local function negate(s)
  if string.sub(s, 1, 1) == '-' then return string.sub(s, 2) end
  return '-' .. s
end

local function apply(encoded, add)
  if not encoded or encoded == '' then return end
  local e = cjson.decode(encoded)
  for _, z in ipairs(e.z) do
    local member = z[1]
    for i = 2, #z do
      if add then
        redis.call('ZADD', prefix .. z[i], 0, member)
      else
        redis.call('ZREM', prefix .. z[i], member)
      end
    end
  end
  for _, c in ipairs(e.c) do
    local delta = c[3]
    if not add then delta = negate(delta) end
    redis.call('HINCRBY', prefix .. c[1], c[2], delta)
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
  for i = 8, #ARGV do fields[#fields + 1] = ARGV[i] end
  redis.call('HSET', rec, unpack(fields))
  redis.call('HSET', rec, 'version', v, '_ix', ix)
  if alias ~= '' then
    redis.call('HSET', rec, '_alias', alias)
    redis.call('HSET', aliases, alias, id)
  end
  apply(ix, true)
end
local sid = redis.call('XADD', stream, 'MAXLEN', '~', maxlen, '*', 'u', id, 'v', v, 'o', mode)
return {'ok', v, sid}
