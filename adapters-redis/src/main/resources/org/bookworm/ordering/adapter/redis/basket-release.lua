-- Lifts the checkout mark, and the copies it held, if the order holds it. KEYS[1] basket hash; ARGV: mark field,
-- ttl ms, order. Answers 1 when the mark was lifted, else 0.
local key, mark, ttl, order = KEYS[1], ARGV[1], ARGV[2], ARGV[3]
if redis.call('HGET', key, mark) ~= order then
  return 0
end
for _, field in ipairs(redis.call('HKEYS', key)) do
  if string.sub(field, 1, 6) == '~held:' then
    redis.call('HDEL', key, field)
  end
end
redis.call('HDEL', key, mark)
redis.call('PEXPIRE', key, ttl)
return 1
