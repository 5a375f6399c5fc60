/** Programs that embed the ordering core as a library. */
@NullMarked
package org.bookworm.ordering.examples;

import org.jspecify.annotations.NullMarked;
