-- Sets the copies of a book the basket has. args: book, copies. Answers {'OK', field, value, ...} or {'ABSENT'}. A
-- line set below the copies a checkout holds of it ('~held:<book>') gives the difference up: the held count drops.
return once(function()
  local key, ttl = KEYS[1], args[2]
  local book, copies = args[3], tonumber(args[4])
  if redis.call('HEXISTS', key, book) == 0 then
    return {'ABSENT'}
  end
  redis.call('HSET', key, book, copies)
  local held = tonumber(redis.call('HGET', key, '~held:' .. book) or '0')
  if held > copies then
    redis.call('HSET', key, '~held:' .. book, copies)
  end
  redis.call('PEXPIRE', key, ttl)
  return basketAfter(key)
end)
