-- Marks the basket as checked out by an order unless another order holds it. KEYS[1] basket hash; ARGV: mark field,
-- ttl ms, order. The checkout holds every copy the basket has now ('~held:<book>' per line). Answers 1 when the mark
-- is now the order's (also when it already was), else 0.
local key, mark, ttl, order = KEYS[1], ARGV[1], ARGV[2], ARGV[3]
local holder = redis.call('HGET', key, mark)
if holder then
  if holder == order then return 1 end
  return 0
end
local fields = redis.call('HGETALL', key)
for i = 1, #fields, 2 do
  if string.sub(fields[i], 1, 1) ~= '~' then
    redis.call('HSET', key, '~held:' .. fields[i], fields[i + 1])
  end
end
redis.call('HSET', key, mark, order)
redis.call('PEXPIRE', key, ttl)
return 1
