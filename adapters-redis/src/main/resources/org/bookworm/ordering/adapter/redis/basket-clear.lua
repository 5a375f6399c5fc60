-- After a confirmed checkout: removes exactly the checked-out copies and lifts the order's mark; does nothing when
-- the order does not hold the mark (cleared before). KEYS[1] basket hash; ARGV: mark field, ttl ms, order, then
-- book, copies pairs. Answers {'OK', field, value, ...}.
local key, mark, ttl, order = KEYS[1], ARGV[1], ARGV[2], ARGV[3]
if redis.call('HGET', key, mark) == order then
  for i = 4, #ARGV, 2 do
    local left = tonumber(redis.call('HGET', key, ARGV[i]) or '0') - tonumber(ARGV[i + 1])
    if left > 0 then
      redis.call('HSET', key, ARGV[i], left)
    else
      redis.call('HDEL', key, ARGV[i])
    end
  end
  redis.call('HDEL', key, mark)
  redis.call('PEXPIRE', key, ttl)
end
local basket = redis.call('HGETALL', key)
table.insert(basket, 1, 'OK')
return basket
