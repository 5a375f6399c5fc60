package org.bookworm.ordering.adapter.postgres;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A pool that counts the statements prepared on its connections: how many round trips an adapter's call costs
 * (issue 13), without a profiler and without changing the adapter. It also keeps the text of each prepared statement
 * and counts the savepoints set, released and rolled back to (the driver sends those without preparing anything).
 */
final class StatementCounter {
    private static final Set<String> STATEMENTS = Set.of("prepareStatement", "prepareCall", "createStatement");

    private final AtomicInteger statements = new AtomicInteger();
    private final List<String> sql = new CopyOnWriteArrayList<>();
    private final AtomicInteger savepoints = new AtomicInteger();
    private final DataSource dataSource;

    StatementCounter(DataSource pool) {
        this.dataSource = (DataSource) Proxy.newProxyInstance(
                StatementCounter.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(pool, method, args);
                    return result instanceof Connection connection ? counting(connection) : result;
                });
    }

    /** The pool to give the adapter. */
    DataSource dataSource() {
        return dataSource;
    }

    /** Statements prepared since the last call, and starts counting again. */
    int take() {
        return statements.getAndSet(0);
    }

    /** The text of the statements prepared since the last call, in order, and starts recording again. */
    List<String> takeSql() {
        List<String> taken = List.copyOf(sql);
        sql.clear();
        return taken;
    }

    /** Savepoint calls (set, release, roll back to) since the last call, and starts counting again. */
    int takeSavepoints() {
        return savepoints.getAndSet(0);
    }

    private Connection counting(Connection connection) {
        return (Connection) Proxy.newProxyInstance(
                StatementCounter.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (STATEMENTS.contains(method.getName())) {
                        statements.incrementAndGet();
                        sql.add(args != null && args.length > 0 && args[0] instanceof String text ? text : "");
                    }
                    if (isSavepoint(method, args)) {
                        savepoints.incrementAndGet();
                    }
                    return invoke(connection, method, args);
                });
    }

    /** Setting or releasing a savepoint, or rolling back to one (a rollback of the transaction has no argument). */
    private static boolean isSavepoint(Method method, Object[] args) {
        return switch (method.getName()) {
            case "setSavepoint", "releaseSavepoint" -> true;
            case "rollback" -> args != null && args.length == 1;
            default -> false;
        };
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException thrown) {
            throw thrown.getCause();
        }
    }
}
