@NullMarked
package org.bookworm.ordering.core.decider;

import org.jspecify.annotations.NullMarked;
