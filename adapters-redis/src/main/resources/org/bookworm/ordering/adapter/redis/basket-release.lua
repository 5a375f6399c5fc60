-- Lifts the checkout mark if the order holds it. KEYS[1] basket hash; ARGV: mark field, ttl ms, order. Answers 1
-- when the mark was lifted, else 0.
local key, mark, ttl, order = KEYS[1], ARGV[1], ARGV[2], ARGV[3]
if redis.call('HGET', key, mark) ~= order then
  return 0
end
redis.call('HDEL', key, mark)
redis.call('PEXPIRE', key, ttl)
return 1
