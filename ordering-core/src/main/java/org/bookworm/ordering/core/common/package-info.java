@NullMarked
package org.bookworm.ordering.core.common;

import org.jspecify.annotations.NullMarked;
