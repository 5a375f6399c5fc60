/**
 * The {@code ordering} command line: {@link org.bookworm.ordering.cli.OrderingCli} and one class per subcommand,
 * composed by {@link org.bookworm.ordering.cli.Wiring}, the only composition root.
 */
@NullMarked
package org.bookworm.ordering.cli;

import org.jspecify.annotations.NullMarked;
