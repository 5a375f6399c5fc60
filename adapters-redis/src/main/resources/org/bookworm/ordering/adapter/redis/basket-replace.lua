-- Replaces every line, keeping the checkout mark. KEYS[1] basket hash; ARGV: mark field, ttl ms, then book, copies
-- pairs (already checked against the caps). A replacement sets every line: the copies a checkout holds of a book
-- ('~held:<book>') drop to the book's new quantity, to none when it is left out. Answers {'OK', field, value, ...}.
local key, mark, ttl = KEYS[1], ARGV[1], ARGV[2]
local wanted = {}
for i = 3, #ARGV, 2 do
  wanted[ARGV[i]] = tonumber(ARGV[i + 1])
end
for _, field in ipairs(redis.call('HKEYS', key)) do
  if string.sub(field, 1, 6) == '~held:' then
    local held = tonumber(redis.call('HGET', key, field))
    local now = wanted[string.sub(field, 7)] or 0
    if now == 0 then
      redis.call('HDEL', key, field)
    elseif held > now then
      redis.call('HSET', key, field, now)
    end
  elseif field ~= mark then
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
