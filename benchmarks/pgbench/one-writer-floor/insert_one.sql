INSERT INTO events (stream, version, type, payload) SELECT gen_random_uuid(), 1, 'OrderPlaced', payload FROM src;
