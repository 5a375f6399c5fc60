package org.bookworm.ordering.core.inmemory;

import org.bookworm.ordering.core.basket.Catalog;
import org.bookworm.ordering.core.contract.CatalogContract;

class InMemoryCatalogTest extends CatalogContract {
    @Override
    protected Catalog emptyCatalog() {
        return new InMemoryCatalog();
    }
}
