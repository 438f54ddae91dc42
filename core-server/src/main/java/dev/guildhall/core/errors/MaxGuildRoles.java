package dev.guildhall.core.errors;

/** 30005 Maximum number of guild roles reached (250). */
public final class MaxGuildRoles extends ApiException {
    public MaxGuildRoles() {
        super(400, 30005, "Maximum number of guild roles reached (250)");
    }
}
