package dev.guildhall.warehouse.queries;

/**
 * Moderator actions of one kind (kick, ban, unban, timeout, timeout_removed, voice_mute, voice_unmute, voice_deafen,
 * voice_undeafen, voice_move, voice_disconnect) in a guild over a range.
 */
public record ActionCount(String action, long actions) {}
