/** Deliberately broken domain code: the architecture rules must catch it. Never used by anything else. */
@NullMarked
package org.bookworm.ordering.archfixture.widget;

import org.jspecify.annotations.NullMarked;
