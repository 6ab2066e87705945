-- Reads the same fields of up to batchSize records of one shard in one call: a scan's projection.
-- Bounded by its arguments (never more records than the KEYS it is given), read only.
-- KEYS: the record hashes (one hash tag)   ARGV: the field names
-- Returns one array of values per record (nil for a missing field or record).
local out = {}
for i = 1, #KEYS do
  out[i] = redis.call('HMGET', KEYS[i], unpack(ARGV))
end
return out
