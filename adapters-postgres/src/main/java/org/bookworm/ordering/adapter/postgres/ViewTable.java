package org.bookworm.ordering.adapter.postgres;

/**
 * The tables a read model can be written to: the live one, and the shadow a rebuild fills before the swap. Table names
 * come only from here, never from input, so splicing them into SQL is safe.
 */
enum ViewTable {
    ORDERS_LIVE("ordering.order_views"),
    ORDERS_SHADOW("ordering.order_views_shadow"),
    BUYERS_LIVE("ordering.buyer_views"),
    BUYERS_SHADOW("ordering.buyer_views_shadow");

    private final String qualifiedName;

    ViewTable(String qualifiedName) {
        this.qualifiedName = qualifiedName;
    }

    String qualifiedName() {
        return qualifiedName;
    }

    /** A rebuild's shadow: only the rebuild writes it, under its lock (ADR 0032). */
    boolean isShadow() {
        return this == ORDERS_SHADOW || this == BUYERS_SHADOW;
    }

    String simpleName() {
        return qualifiedName.substring(qualifiedName.indexOf('.') + 1);
    }
}
