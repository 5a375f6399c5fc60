package org.bookworm.ordering.adapter.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script shipped with the adapter, run by its SHA-1 ({@code EVALSHA}) so the body crosses the wire only when
 * the server does not know it yet: once per server, and again after a restart emptied its script cache.
 */
final class LuaScript {
    private final String name;
    private final String body;
    private final String sha;

    private LuaScript(String name, String body) {
        this.name = name;
        this.body = body;
        this.sha = sha1(body);
    }

    /** Loads {@code <name>.lua} from this package's resources. */
    static LuaScript named(String name) {
        return new LuaScript(name, body(name));
    }

    /** {@code <name>.lua} with {@code <prelude>.lua} in front of it: the functions that several scripts share. */
    static LuaScript withPrelude(String prelude, String name) {
        return new LuaScript(name, body(prelude) + body(name));
    }

    private static String body(String name) {
        String resource = name + ".lua";
        try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the Lua script " + resource + " is missing from the adapter's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read the Lua script " + resource, unreadable);
        }
    }

    <T> T run(RedisConnection redis, ScriptOutputType output, String key, String... arguments) {
        return run(redis, output, new String[] {key}, arguments);
    }

    /** Runs on several keys; in a Redis Cluster they must share a hash slot (a common {@code {hash tag}}). */
    <T> T run(RedisConnection redis, ScriptOutputType output, String[] keys, String... arguments) {
        try {
            return redis.await(commands -> commands.<T>evalsha(sha, output, keys, arguments));
        } catch (RedisNoScriptException unknownToServer) {
            // EVAL runs the script and caches it on the server, so the next call's EVALSHA succeeds
            return redis.await(commands -> commands.<T>eval(body, output, keys, arguments));
        }
    }

    @Override
    public String toString() {
        return name + ".lua";
    }

    private static String sha1(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK ships SHA-1", impossible);
        }
    }
}
