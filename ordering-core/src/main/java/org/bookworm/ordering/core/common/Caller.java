package org.bookworm.ordering.core.common;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who is asking: a token's subject with its roles, or a service identity, and what the token says about the person
 * ({@link Claims}). The buyer id is always the subject.
 */
public record Caller(String subject, Set<Role> roles, Claims claims) {
    public Caller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(claims, "claims");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** A caller whose token says nothing about the person. */
    public Caller(String subject, Set<Role> roles) {
        this(subject, roles, Claims.NONE);
    }

    /**
     * The token's {@code name} and {@code email} claims as they came, null when absent or blank. They are only
     * defaults (CreateBuyer uses them when the request leaves name or e-mail out) and are checked where they are used.
     */
    public record Claims(@Nullable String name, @Nullable String email) {
        public static final Claims NONE = new Claims(null, null);

        public Claims {
            name = name == null || name.isBlank() ? null : name;
            email = email == null || email.isBlank() ? null : email;
        }
    }

    /** The same caller with what its token says about the person. */
    public Caller withClaims(Claims claims) {
        return new Caller(subject, roles, claims);
    }

    public static Caller buyer(BuyerId buyer) {
        return new Caller(buyer.toString(), Set.of(Role.USER));
    }

    public static Caller admin(String subject) {
        return new Caller(subject, Set.of(Role.USER, Role.ADMIN));
    }

    public static Caller system(String service) {
        return new Caller("service:" + service, Set.of(Role.SYSTEM));
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    public boolean isSystem() {
        return roles.contains(Role.SYSTEM);
    }

    /** The caller as a buyer: its subject, which must be a UUID. */
    public BuyerId buyerId() {
        return new BuyerId(Ids.parse(subject, "the token's subject"));
    }

    public List<String> roleNames() {
        return roles.stream()
                .map(role -> role.name().toLowerCase(java.util.Locale.ROOT))
                .sorted()
                .toList();
    }
}
