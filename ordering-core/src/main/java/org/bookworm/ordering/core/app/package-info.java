@NullMarked
package org.bookworm.ordering.core.app;

import org.jspecify.annotations.NullMarked;
