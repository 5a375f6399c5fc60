@NullMarked
package org.bookworm.ordering.core.eventsourcing;

import org.jspecify.annotations.NullMarked;
