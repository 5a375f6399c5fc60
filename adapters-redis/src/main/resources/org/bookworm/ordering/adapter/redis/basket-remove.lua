-- Removes one book's line, and with it the copies a checkout held of it (given up for good). KEYS[1] basket hash;
-- ARGV: mark field, ttl ms, book. Answers {'OK', field, value, ...}.
local key, ttl, book = KEYS[1], ARGV[2], ARGV[3]
redis.call('HDEL', key, book, '~held:' .. book)
redis.call('PEXPIRE', key, ttl) -- a no-op once the last field is gone: Redis deletes empty hashes
local basket = redis.call('HGETALL', key)
table.insert(basket, 1, 'OK')
return basket
