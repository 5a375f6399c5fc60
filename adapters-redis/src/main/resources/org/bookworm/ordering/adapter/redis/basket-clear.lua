-- After a confirmed checkout: takes out of each checked-out line the copies the checkout still holds (at most the
-- order's), then lifts the mark and what it held; does nothing when the order does not hold the mark (cleared
-- before). Copies put in after the mark, and lines given up meanwhile, are never taken. KEYS[1] basket hash; ARGV:
-- mark field, ttl ms, order, then book, copies pairs. Answers {'OK', field, value, ...}.
local key, mark, ttl, order = KEYS[1], ARGV[1], ARGV[2], ARGV[3]
if redis.call('HGET', key, mark) == order then
  for i = 4, #ARGV, 2 do
    local held = tonumber(redis.call('HGET', key, '~held:' .. ARGV[i]) or '0')
    local taken = math.min(held, tonumber(ARGV[i + 1]))
    local left = tonumber(redis.call('HGET', key, ARGV[i]) or '0') - taken
    if left > 0 then
      redis.call('HSET', key, ARGV[i], left)
    else
      redis.call('HDEL', key, ARGV[i])
    end
  end
  for _, field in ipairs(redis.call('HKEYS', key)) do
    if string.sub(field, 1, 6) == '~held:' then
      redis.call('HDEL', key, field)
    end
  end
  redis.call('HDEL', key, mark)
  redis.call('PEXPIRE', key, ttl)
end
local basket = redis.call('HGETALL', key)
table.insert(basket, 1, 'OK')
return basket
