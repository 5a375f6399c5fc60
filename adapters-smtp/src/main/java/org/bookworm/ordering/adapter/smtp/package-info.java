@NullMarked
package org.bookworm.ordering.adapter.smtp;

import org.jspecify.annotations.NullMarked;
