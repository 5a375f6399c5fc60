-- Adds copies of one book, atomically with the caps. KEYS[1] basket hash; ARGV: mark field, ttl ms, book,
-- copies, max copies per book, max books. Answers {'OK', field, value, ...} or a refusal {'COPIES'|'BOOKS', now}.
-- Fields that start with '~' are not books: the checkout mark and the copies it holds ('~held:<book>'), which an add
-- leaves alone (added copies come on top of the held ones).
local key, ttl = KEYS[1], ARGV[2]
local book, copies = ARGV[3], tonumber(ARGV[4])
local maxCopies, maxBooks = tonumber(ARGV[5]), tonumber(ARGV[6])
local now = tonumber(redis.call('HGET', key, book) or '0')
if now + copies > maxCopies then
  return {'COPIES', tostring(now)}
end
if now == 0 then
  local books = 0
  for _, field in ipairs(redis.call('HKEYS', key)) do
    if string.sub(field, 1, 1) ~= '~' then books = books + 1 end
  end
  if books >= maxBooks then
    return {'BOOKS', tostring(books)}
  end
end
redis.call('HINCRBY', key, book, copies)
redis.call('PEXPIRE', key, ttl)
local basket = redis.call('HGETALL', key)
table.insert(basket, 1, 'OK')
return basket
