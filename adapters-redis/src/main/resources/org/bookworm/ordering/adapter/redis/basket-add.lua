-- Adds copies of one book, atomically with the caps. args: book, copies, max copies per book, max books. Answers
-- {'OK', field, value, ...} or a refusal {'COPIES'|'BOOKS', now}. Fields that start with '~' are not books: the
-- checkout mark and the copies it holds ('~held:<book>'), which an add leaves alone (added copies come on top).
return once(function()
  local key, ttl = KEYS[1], args[2]
  local book, copies = args[3], tonumber(args[4])
  local maxCopies, maxBooks = tonumber(args[5]), tonumber(args[6])
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
  return basketAfter(key)
end)
