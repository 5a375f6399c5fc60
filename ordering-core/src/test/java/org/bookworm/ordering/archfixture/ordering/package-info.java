/** A fixture service that reaches into another one's internals on purpose. Never used by anything else. */
@NullMarked
package org.bookworm.ordering.archfixture.ordering;

import org.jspecify.annotations.NullMarked;
