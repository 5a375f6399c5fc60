@NullMarked
package org.bookworm.ordering.core.ordering;

import org.jspecify.annotations.NullMarked;
