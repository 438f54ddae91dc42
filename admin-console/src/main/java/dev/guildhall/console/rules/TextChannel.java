package dev.guildhall.console.rules;

/** A guild channel messages are posted in (GUILD_TEXT 0 or GUILD_ANNOUNCEMENT 5). */
public record TextChannel(long id, String name) {
    public String label() {
        return "#" + name;
    }
}
