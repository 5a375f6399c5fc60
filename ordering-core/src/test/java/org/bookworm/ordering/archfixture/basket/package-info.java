/** A fixture service that another fixture service reaches into: the service-boundary rule must catch it. */
@NullMarked
package org.bookworm.ordering.archfixture.basket;

import org.jspecify.annotations.NullMarked;
