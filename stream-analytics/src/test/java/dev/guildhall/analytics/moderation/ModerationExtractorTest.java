package dev.guildhall.analytics.moderation;

import dev.guildhall.analytics.TestEvents;
import dev.guildhall.analytics.ingest.DecodedRecord;
import dev.guildhall.analytics.ingest.DecodingDeserializer;
import dev.guildhall.events.payload.ModerationAction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModerationExtractorTest {
    private static final long T = 1_767_600_000_000L;
    private final DecodingDeserializer<ModerationRow> moderation =
            new DecodingDeserializer<>("moderation", new ModerationExtractor(), null);

    @Test
    void actionsBecomeRowsWithoutTheReasonText() {
        DecodedRecord<ModerationRow> r = moderation.decode("guildhall.moderation", 0, 1, null,
                TestEvents.moderationAction(5, ModerationAction.TIMEOUT, 7, 8, T + 60_000, T));
        assertThat(r.event).isEqualTo(new ModerationRow(r.event.eventId(), 5, "timeout", 7, 8, T + 60_000, T));
        assertThat(Long.parseLong(r.event.eventId())).isPositive();
        assertThat(r.event.toString()).doesNotContain("spamming");
        DecodedRecord<ModerationRow> ban = moderation.decode("guildhall.moderation", 0, 2, null,
                TestEvents.moderationAction(5, ModerationAction.BAN, 7, 8, null, T));
        assertThat(ban.event.untilMs()).isZero();
    }

    @Test
    void voiceModerationActionsAreCountedLikeTheOthers() {
        long offset = 10;
        for (String action : List.of(ModerationAction.VOICE_MUTE, ModerationAction.VOICE_UNMUTE,
                ModerationAction.VOICE_DEAFEN, ModerationAction.VOICE_UNDEAFEN, ModerationAction.VOICE_MOVE,
                ModerationAction.VOICE_DISCONNECT)) {
            DecodedRecord<ModerationRow> r = moderation.decode("guildhall.moderation", 0, offset++, null,
                    TestEvents.moderationAction(5, action, 7, 8, null, T));
            assertThat(r.deadLetter).as(action).isNull();
            assertThat(r.event).isEqualTo(new ModerationRow(r.event.eventId(), 5, action, 7, 8, 0, T));
        }
    }

    @Test
    void unknownActionsAndTimeoutsWithoutEndAreDeadLetters() {
        assertThat(moderation.decode("guildhall.moderation", 0, 1, null,
                TestEvents.moderationAction(5, "shame", 7, 8, null, T)).deadLetter.reason())
                .contains("payload.action must be one of").contains("shame");
        assertThat(moderation.decode("guildhall.moderation", 0, 2, null,
                TestEvents.moderationAction(5, ModerationAction.TIMEOUT, 7, 8, null, T)).deadLetter.reason())
                .isEqualTo("payload.until is required for a timeout");
    }
}
