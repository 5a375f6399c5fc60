-- Deletes the basket: lines, checkout mark and the copies it held. No args. Answers {'OK'}.
return once(function()
  redis.call('DEL', KEYS[1])
  return {'OK'}
end)
