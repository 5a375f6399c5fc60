-- Sets one book's copies, atomically with the book cap. KEYS[1] basket hash; ARGV: mark field, ttl ms, book,
-- copies, max books. Answers {'OK', field, value, ...} or a refusal {'BOOKS', now}.
local key, mark, ttl = KEYS[1], ARGV[1], ARGV[2]
local book, copies, maxBooks = ARGV[3], ARGV[4], tonumber(ARGV[5])
if redis.call('HEXISTS', key, book) == 0 then
  local books = redis.call('HLEN', key) - redis.call('HEXISTS', key, mark)
  if books >= maxBooks then
    return {'BOOKS', tostring(books)}
  end
end
redis.call('HSET', key, book, copies)
redis.call('PEXPIRE', key, ttl)
local basket = redis.call('HGETALL', key)
table.insert(basket, 1, 'OK')
return basket
