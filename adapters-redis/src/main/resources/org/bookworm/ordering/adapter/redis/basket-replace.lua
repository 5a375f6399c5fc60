-- Replaces every line, keeping the checkout mark. KEYS[1] basket hash; ARGV: mark field, ttl ms, then book, copies
-- pairs (already checked against the caps). Answers {'OK', field, value, ...}.
local key, mark, ttl = KEYS[1], ARGV[1], ARGV[2]
for _, field in ipairs(redis.call('HKEYS', key)) do
  if field ~= mark then
    redis.call('HDEL', key, field)
  end
end
for i = 3, #ARGV, 2 do
  redis.call('HSET', key, ARGV[i], ARGV[i + 1])
end
redis.call('PEXPIRE', key, ttl)
local basket = redis.call('HGETALL', key)
table.insert(basket, 1, 'OK')
return basket
