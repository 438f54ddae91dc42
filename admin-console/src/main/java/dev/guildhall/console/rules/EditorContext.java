package dev.guildhall.console.rules;

import java.util.List;

/** What the rule editor of one guild needs around the rules: its text channels and roles (for pickers). */
public record EditorContext(List<TextChannel> channels, List<GuildRole> roles) {
}
