package org.bookworm.ordering.core.contract;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Prefixes every failure of a contract suite with the name of the concrete test class (e.g. {@code
 * [PostgresEventStoreIT]}), so that a report listing failures of several implementations says whose they are.
 * Public because JUnit instantiates it for subclasses in other packages.
 */
public final class NamesTheImplementation
        implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw named(context, thrown);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw named(context, thrown);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw named(context, thrown);
    }

    private static Throwable named(ExtensionContext context, Throwable thrown) {
        String prefix = "[" + context.getRequiredTestClass().getSimpleName() + "] ";
        if (thrown instanceof TestAbortedException
                || String.valueOf(thrown.getMessage()).startsWith(prefix)) {
            return thrown;
        }
        AssertionError named;
        if (thrown instanceof AssertionFailedError failed && failed.isExpectedDefined() && failed.isActualDefined()) {
            named = new AssertionFailedError(
                    prefix + failed.getMessage(),
                    failed.getExpected().getValue(),
                    failed.getActual().getValue(),
                    failed);
        } else if (thrown instanceof AssertionError) {
            named = new AssertionError(prefix + thrown.getMessage(), thrown);
        } else {
            // an implementation that throws where the port promises an answer fails the contract too
            named = new AssertionError(prefix + "unexpected " + thrown, thrown);
        }
        named.setStackTrace(thrown.getStackTrace());
        return named;
    }
}
