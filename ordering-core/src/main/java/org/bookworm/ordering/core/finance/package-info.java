@NullMarked
package org.bookworm.ordering.core.finance;

import org.jspecify.annotations.NullMarked;
