@NullMarked
package org.bookworm.ordering.core.basket;

import org.jspecify.annotations.NullMarked;
