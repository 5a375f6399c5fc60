@NullMarked
package org.bookworm.ordering.core.port;

import org.jspecify.annotations.NullMarked;
