@NullMarked
package org.bookworm.ordering.core.buyer;

import org.jspecify.annotations.NullMarked;
