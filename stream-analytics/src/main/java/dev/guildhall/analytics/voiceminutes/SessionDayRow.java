package dev.guildhall.analytics.voiceminutes;

/**
 * One row of {@code voice_session_days}: the part of one voice session within one UTC day.
 *
 * @param day       start of the UTC day, epoch ms
 * @param startedAt the session's join time, epoch ms (with sessionId it identifies the session)
 * @param voiceMs   milliseconds of the session within the day
 * @param capped    the leave was missing (or came after the maximum session length): cut at the maximum length
 * @param version   epoch ms at which the row was computed; the newest replaces older rows of the same key
 */
public record SessionDayRow(long guildId, long day, long channelId, long userId, String sessionId, long startedAt,
                            long voiceMs, boolean capped, String region, String voiceServer, long version) {
}
