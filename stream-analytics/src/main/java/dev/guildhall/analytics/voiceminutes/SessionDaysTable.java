package dev.guildhall.analytics.voiceminutes;

import dev.guildhall.analytics.sink.ClickHouseTable;

import java.sql.PreparedStatement;
import java.sql.SQLException;
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
    public void bind(PreparedStatement ps, SessionDayRow r) throws SQLException {
        ps.setLong(1, r.guildId());
        ps.setString(2, ClickHouseTable.date(r.day()));
        ps.setLong(3, r.channelId());
        ps.setLong(4, r.userId());
        ps.setString(5, r.sessionId());
        ps.setLong(6, r.startedAt());
        ps.setLong(7, r.voiceMs());
        ps.setInt(8, r.capped() ? 1 : 0);
        ps.setString(9, r.region());
        ps.setString(10, r.voiceServer());
        ps.setLong(11, r.version());
    }
}
