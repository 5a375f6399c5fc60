package org.bookworm.ordering.adapter.postgres;

import org.bookworm.ordering.core.basket.Catalog;
import org.bookworm.ordering.core.contract.CatalogContract;

/** The catalog contract against PostgreSQL (V8's {@code basket.books}). */
class PostgresCatalogIT extends CatalogContract {
    @Override
    protected Catalog emptyCatalog() {
        return ContractDatabase.empty().catalog();
    }
}
