-- Stores a cache entry unless the cached version is at least as new. KEYS[1] entry hash (v: version, d: data);
-- ARGV: version, data, ttl ms. Versions are compared exactly as decimal integers (Lua numbers are doubles, which
-- would merge versions above 2^53). Answers 1 when stored, else 0.
local function greater(a, b)
  local aNegative, bNegative = a:sub(1, 1) == '-', b:sub(1, 1) == '-'
  if aNegative ~= bNegative then
    return bNegative
  end
  local longer
  if #a ~= #b then longer = #a > #b else longer = a > b end
  if aNegative then
    return a ~= b and not longer
  end
  return longer
end
local cached = redis.call('HGET', KEYS[1], 'v')
if cached and not greater(ARGV[1], cached) then
  return 0
end
redis.call('HSET', KEYS[1], 'v', ARGV[1], 'd', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
