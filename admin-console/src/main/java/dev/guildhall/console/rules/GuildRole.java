package dev.guildhall.console.rules;

/** A guild role as core-server lists it (for exempt-role pickers and the preview's exemption check). */
public record GuildRole(long id, String name, long permissions) {
}
