package org.bookworm.ordering.core.contract;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Prefixes every failure of a contract suite with the implementation under test (the concrete test class), so a red
 * line in a report says which store broke the contract, not only which rule.
 */
final class FailuresNameTheImplementation implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        String implementation = context.getRequiredTestClass().getSimpleName();
        if (failure instanceof AssertionError) {
            var named = new AssertionError(implementation + ": " + failure.getMessage(), failure);
            named.setStackTrace(failure.getStackTrace());
            throw named;
        }
        throw new AssertionError(implementation + " failed with " + failure, failure);
    }
}
