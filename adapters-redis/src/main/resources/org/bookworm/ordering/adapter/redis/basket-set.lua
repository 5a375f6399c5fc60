-- Sets one book's copies, atomically with the book cap. KEYS[1] basket hash; ARGV: mark field, ttl ms, book,
-- copies, max books. Answers {'OK', field, value, ...} or a refusal {'BOOKS', now}. A line set below the copies a
-- checkout holds of it ('~held:<book>') gives the difference up: the held count drops to the new quantity.
local key, ttl = KEYS[1], ARGV[2]
local book, copies, maxBooks = ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
if redis.call('HEXISTS', key, book) == 0 then
  local books = 0
  for _, field in ipairs(redis.call('HKEYS', key)) do
    if string.sub(field, 1, 1) ~= '~' then books = books + 1 end
  end
  if books >= maxBooks then
    return {'BOOKS', tostring(books)}
  end
end
redis.call('HSET', key, book, copies)
local held = tonumber(redis.call('HGET', key, '~held:' .. book) or '0')
if held > copies then
  redis.call('HSET', key, '~held:' .. book, copies)
end
redis.call('PEXPIRE', key, ttl)
local basket = redis.call('HGETALL', key)
table.insert(basket, 1, 'OK')
return basket
