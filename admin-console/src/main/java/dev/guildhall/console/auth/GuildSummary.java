package dev.guildhall.console.auth;

/** Discord's partial guild object as returned by {@code GET /users/@me/guilds}. */
public record GuildSummary(long id, String name, boolean owner, String permissions) {
    /** Label for pickers: name and id, since names are not unique. */
    public String label() {
        return name + " (" + id + ")";
    }

    /** Whether the user's guild permissions include {@code required} (the owner has all). */
    public boolean can(long required) {
        return owner || GuildPermissions.has(GuildPermissions.parse(permissions), required);
    }
}
