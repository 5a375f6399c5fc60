/** A fixture composition that a fixture service depends on: the rule that services never see it must catch it. */
@NullMarked
package org.bookworm.ordering.archfixture.composition;

import org.jspecify.annotations.NullMarked;
