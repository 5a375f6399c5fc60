@NullMarked
package org.bookworm.ordering.core.order;

import org.jspecify.annotations.NullMarked;
