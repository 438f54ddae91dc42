package dev.guildhall.core.staff;

import java.util.Arrays;
import java.util.Optional;

/** Platform staff roles (the console's staff roles), stored in {@code staff_roles}. */
public enum StaffRole {
    /** User and guild lookup, staff-role management, the console audit log; also voice dashboards and moderation. */
    PLATFORM_ADMIN,
    /** Voice dashboards. */
    SRE,
    /** The moderation view across guilds they moderate. */
    TRUST_SAFETY;

    public static Optional<StaffRole> parse(String name) {
        return Arrays.stream(values()).filter(r -> r.name().equals(name)).findFirst();
    }
}
