package dev.guildhall.analytics.voiceminutes;

import dev.guildhall.analytics.sink.ClickHouseTable;
import dev.guildhall.analytics.sink.TabSeparatedRows;

import java.util.List;

/** Binding of {@link SessionDayRow} to {@code voice_session_days} (warehouse migration V008). */
public final class SessionDaysTable implements ClickHouseTable<SessionDayRow> {
    @Override
    public String name() {
        return "voice_session_days";
    }

    @Override
    public List<String> columns() {
        return List.of("guild_id", "day", "channel_id", "user_id", "session_id", "started_ms", "voice_ms", "capped",
                "region", "voice_server", "version");
    }

    @Override
    public void write(TabSeparatedRows out, SessionDayRow r) {
        out.number(r.guildId());
        out.date(r.day());
        out.number(r.channelId());
        out.number(r.userId());
        out.string(r.sessionId());
        out.number(r.startedAt());
        out.number(r.voiceMs());
        out.flag(r.capped());
        out.string(r.region());
        out.string(r.voiceServer());
        out.number(r.version());
        out.endRow();
    }
}
