package org.bookworm.ordering.adapter.grpc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request with several bad fields, each named by its path ({@code items[2].quantity}) with what is wrong with it;
 * {@link Errors} answers it as {@code INVALID_ARGUMENT} with one {@code google.rpc.BadRequest} field violation each.
 */
final class InvalidFields extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Map<String, String> violations;

    InvalidFields(Map<String, String> violations) {
        super(summary(violations));
        this.violations = Collections.unmodifiableMap(new LinkedHashMap<>(violations));
    }

    /** Field path to what is wrong with it, in the order found. */
    Map<String, String> violations() {
        return violations;
    }

    private static String summary(Map<String, String> violations) {
        var text = new StringBuilder(
                violations.size() == 1 ? "1 invalid field: " : violations.size() + " invalid fields: ");
        var first = true;
        for (Map.Entry<String, String> violation : violations.entrySet()) {
            text.append(first ? "" : "; ")
                    .append(violation.getKey())
                    .append(": ")
                    .append(violation.getValue());
            first = false;
        }
        return text.toString();
    }
}
