package org.bookworm.ordering.cli;

/** What the verb would change is in use elsewhere (a server runs it, a lock is held): exit 3, saying who holds it. */
final class Busy extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    Busy(String message) {
        super(message);
    }
}
