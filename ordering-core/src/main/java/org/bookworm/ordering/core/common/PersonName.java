package org.bookworm.ordering.core.common;

/** A person's display name, up to 200 characters (BookWorm's 20-character column is a defect). */
public record PersonName(String value) {
    public static final PersonName ANONYMOUS = new PersonName("anonymous");

    public PersonName {
        Texts.requireClean(value, "name", 200);
    }

    /** How an e-mail greets the person: "Customer" for an anonymous buyer. */
    public String greeting() {
        return this.equals(ANONYMOUS) ? "Customer" : value;
    }
}
