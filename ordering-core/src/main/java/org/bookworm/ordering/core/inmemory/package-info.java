@NullMarked
package org.bookworm.ordering.core.inmemory;

import org.jspecify.annotations.NullMarked;
