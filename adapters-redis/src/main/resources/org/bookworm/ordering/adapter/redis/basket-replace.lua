-- Replaces every line, keeping the checkout mark. args: max books, then book, copies pairs. Answers
-- {'OK', field, value, ...}, or {'BOOKS', n} past the cap, or {'TWICE', book} for a book listed twice. A replacement
-- sets every line: the copies a checkout holds of a book ('~held:<book>') drop to its new quantity, to none when it
-- is left out.
return once(function()
  local key, mark, ttl, maxBooks = KEYS[1], args[1], args[2], tonumber(args[3])
  local wanted, books = {}, 0
  for i = 4, #args, 2 do
    if wanted[args[i]] then
      return {'TWICE', args[i]}
    end
    wanted[args[i]] = tonumber(args[i + 1])
    books = books + 1
  end
  if books > maxBooks then
    return {'BOOKS', tostring(books)}
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
  for i = 4, #args, 2 do
    redis.call('HSET', key, args[i], args[i + 1])
  end
  redis.call('PEXPIRE', key, ttl)
  return basketAfter(key)
end)
