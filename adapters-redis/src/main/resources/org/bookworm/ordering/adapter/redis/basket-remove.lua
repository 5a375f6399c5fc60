-- Removes a book's line, and with it the copies a checkout held of it (given up for good). args: book. Answers
-- {'OK', field, value, ...} or {'ABSENT'}.
return once(function()
  local key, ttl, book = KEYS[1], args[2], args[3]
  if redis.call('HEXISTS', key, book) == 0 then
    return {'ABSENT'}
  end
  redis.call('HDEL', key, book, '~held:' .. book)
  redis.call('PEXPIRE', key, ttl) -- a no-op once the last field is gone: Redis deletes empty hashes
  return basketAfter(key)
end)
