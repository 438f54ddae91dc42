package dev.guildhall.analytics.voiceminutes;

import java.util.ArrayList;
import java.util.List;

/** Splits a voice session at UTC midnights into one {@link SessionDayRow} per day it touches. Pure. */
public final class SessionDays {
    static final long DAY_MS = 86_400_000L;

    private SessionDays() {
    }

    /**
     * @param session the join (or leave) that identifies the session
     * @param end     end of the session, epoch ms (an empty session, {@code end <= startedAt}, gives no rows)
     */
    public static List<SessionDayRow> split(VoiceSessionEvent session, long end, boolean capped, long version) {
        List<SessionDayRow> rows = new ArrayList<>();
        long from = session.startedAt();
        while (from < end) {
            long day = from - Math.floorMod(from, DAY_MS);
            long until = Math.min(end, day + DAY_MS);
            rows.add(new SessionDayRow(session.guildId(), day, session.channelId(), session.userId(),
                    session.sessionId(), session.startedAt(), until - from, capped, session.region(),
                    session.voiceServer(), version));
            from = until;
        }
        return rows;
    }
}
