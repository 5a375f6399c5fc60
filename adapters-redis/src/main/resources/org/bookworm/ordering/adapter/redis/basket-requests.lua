-- Request ids, put in front of every basket change script (add, set, remove, replace, delete). KEYS[1] the basket
-- hash, KEYS[2] the answers of its recent request ids (a hash: id -> [request hash, answer]), KEYS[3] those ids
-- oldest first (a list). ARGV[1] mark field, ARGV[2] basket ttl ms, ARGV[3] request id ('' for none), ARGV[4] request
-- hash, ARGV[5] ttl ms of the request memory, ARGV[6] how many ids to remember; the change's own arguments follow
-- and reach it as args[3], args[4], ... (args[1], args[2] are the mark field and the basket ttl). Because the check,
-- the change and the memory are one script, a retry (even one racing the first call) answers what the first answered
-- and changes nothing; the id with another request hash answers {'REUSED'}.
local requests, oldestFirst = KEYS[2], KEYS[3]
local requestId, requestHash, requestTtl, remembered = ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6])
local args = {ARGV[1], ARGV[2]}
for i = 7, #ARGV do
  args[#args + 1] = ARGV[i]
end

local function once(change)
  if requestId == '' then
    return change()
  end
  local seen = redis.call('HGET', requests, requestId)
  if seen then
    local first = cjson.decode(seen)
    if first[1] ~= requestHash then
      return {'REUSED'}
    end
    return first[2]
  end
  local answer = change()
  redis.call('HSET', requests, requestId, cjson.encode({requestHash, answer}))
  redis.call('RPUSH', oldestFirst, requestId)
  while redis.call('LLEN', oldestFirst) > remembered do
    redis.call('HDEL', requests, redis.call('LPOP', oldestFirst))
  end
  redis.call('PEXPIRE', requests, requestTtl)
  redis.call('PEXPIRE', oldestFirst, requestTtl)
  return answer
end

local function basketAfter(key)
  local basket = redis.call('HGETALL', key)
  table.insert(basket, 1, 'OK')
  return basket
end

