package org.bookworm.ordering.core.common;

/** A postal address; every part is required, at most 200 characters, equality by value. */
public record Address(String street, String city, String province) {
    public Address {
        Texts.requireClean(street, "street", 200);
        Texts.requireClean(city, "city", 200);
        Texts.requireClean(province, "province", 200);
    }

    /** BookWorm's canonical text form: {@code "123 Main St, Seattle, WA"}. */
    public String oneLine() {
        return street + ", " + city + ", " + province;
    }
}
