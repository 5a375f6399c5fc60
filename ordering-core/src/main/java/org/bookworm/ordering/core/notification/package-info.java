@NullMarked
package org.bookworm.ordering.core.notification;

import org.jspecify.annotations.NullMarked;
