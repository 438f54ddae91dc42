package dev.guildhall.analytics.voiceminutes;

import dev.guildhall.analytics.ingest.JobEvent;

/**
 * A {@code voice.session.joined} ({@code joined}) or {@code voice.session.left} event as the voice-minutes job needs
 * it. {@code startedAt} is the session's join time (the join's joined_at; for a leave: left_at - duration_ms, which
 * core-server computes from the same join time); {@code leftAt} is 0 for a join.
 */
public record VoiceSessionEvent(String eventId, long guildId, long channelId, long userId, String sessionId,
                                String region, String voiceServer, boolean joined, long startedAt, long leftAt,
                                long occurredAt) implements JobEvent {
}
