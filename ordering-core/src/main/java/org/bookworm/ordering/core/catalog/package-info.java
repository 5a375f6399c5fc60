@NullMarked
package org.bookworm.ordering.core.catalog;

import org.jspecify.annotations.NullMarked;
