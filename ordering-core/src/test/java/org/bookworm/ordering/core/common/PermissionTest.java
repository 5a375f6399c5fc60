package org.bookworm.ordering.core.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** Who may run a command, as ADR 0016 and 0027 say: the one table every use case checks against. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class PermissionTest {
    private static final BuyerId OWNER = new BuyerId(UUID.fromString("0192f0c8-0000-7000-8000-0000000a11ce"));
    private static final BuyerId OTHER = new BuyerId(UUID.fromString("0192f0c8-0000-7000-8000-000000000b0b"));
    private static final Caller owner = Caller.buyer(OWNER);
    private static final Caller anotherBuyer = Caller.buyer(OTHER);
    private static final Caller admin = Caller.admin("0192f0c8-0000-7000-8000-00000000ad01");
    private static final Caller service = Caller.system("checkout");
    private static final Caller nobody = new Caller(OWNER.toString(), java.util.Set.of());

    @Test
    void the_owner_its_admins_and_the_services_may_act_on_what_a_buyer_owns() {
        assertThat(Permission.OWNER.grants(owner, OWNER)).isTrue();
        assertThat(Permission.OWNER.grants(admin, OWNER)).isTrue();
        assertThat(Permission.OWNER.grants(service, OWNER)).isTrue();
        assertThat(Permission.OWNER.grants(anotherBuyer, OWNER)).isFalse();
    }

    @Test
    void admin_commands_are_for_admins_and_services_even_on_a_buyers_own_order() {
        assertThat(Permission.ADMIN.grants(admin, OWNER)).isTrue();
        assertThat(Permission.ADMIN.grants(service, OWNER)).isTrue();
        assertThat(Permission.ADMIN.grants(owner, OWNER)).isFalse();
        assertThat(Permission.ADMIN.grants(anotherBuyer, OWNER)).isFalse();
    }

    @Test
    void system_commands_are_for_services_only() {
        assertThat(Permission.SYSTEM.grants(service, OWNER)).isTrue();
        assertThat(Permission.SYSTEM.grants(admin, OWNER)).isFalse();
        assertThat(Permission.SYSTEM.grants(owner, OWNER)).isFalse();
    }

    @Test
    void with_nothing_owned_yet_only_the_roles_of_admin_and_system_commands_matter() {
        assertThat(Permission.OWNER.grants(anotherBuyer, null)).isTrue();
        assertThat(Permission.ADMIN.grants(owner, null)).isFalse();
        assertThat(Permission.SYSTEM.grants(admin, null)).isFalse();
    }

    @Test
    void a_subject_without_a_role_is_granted_only_what_it_owns() {
        assertThat(Permission.OWNER.grants(nobody, OWNER)).isTrue();
        assertThat(Permission.OWNER.grants(nobody, OTHER)).isFalse();
        assertThat(Permission.ADMIN.grants(nobody, OWNER)).isFalse();
        assertThat(Permission.SYSTEM.grants(nobody, OWNER)).isFalse();
    }
}
