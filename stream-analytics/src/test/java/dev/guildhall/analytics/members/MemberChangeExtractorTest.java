package dev.guildhall.analytics.members;

import dev.guildhall.analytics.TestEvents;
import dev.guildhall.analytics.ingest.DecodedRecord;
import dev.guildhall.analytics.ingest.DecodingDeserializer;
import dev.guildhall.events.payload.MemberLeft;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MemberChangeExtractorTest {
    private static final long T = 1_767_600_000_000L;
    private final DecodingDeserializer<MemberChange> members =
            new DecodingDeserializer<>("members", new MemberChangeExtractor(), null);

    @Test
    void joinsAndLeavesBecomeChanges() {
        DecodedRecord<MemberChange> joined = members.decode("guildhall.members", 0, 1, null,
                TestEvents.memberJoined(5, 77, T));
        assertThat(joined.event).isEqualTo(new MemberChange(joined.event.eventId(), 5, 77, true, T));
        for (String reason : new String[]{MemberLeft.LEFT, MemberLeft.KICKED, MemberLeft.BANNED}) {
            DecodedRecord<MemberChange> left = members.decode("guildhall.members", 0, 2, null,
                    TestEvents.memberLeft(5, 77, reason, T + 1));
            assertThat(left.event.joined()).isFalse();
            assertThat(left.event.occurredAt()).isEqualTo(T + 1);
        }
    }

    @Test
    void contractViolationsAreDeadLettersWithTheReason() {
        DecodedRecord<MemberChange> r = members.decode("guildhall.members", 3, 8, "5".getBytes(StandardCharsets.UTF_8),
                TestEvents.memberLeft(5, 77, "vanished", T));
        assertThat(r.event).isNull();
        assertThat(r.deadLetter.reason()).contains("payload.reason must be one of").contains("vanished");
        assertThat(r.deadLetter.sourceTopic()).isEqualTo("guildhall.members");
        assertThat(r.deadLetter.partition()).isEqualTo(3);
        assertThat(r.deadLetter.offset()).isEqualTo(8);
        String badUser = new String(TestEvents.memberJoined(5, 77, T), StandardCharsets.UTF_8)
                .replace("\"user_id\":\"77\"", "\"user_id\":\"x7\"");
        assertThat(members.decode("t", 0, 1, null, badUser.getBytes(StandardCharsets.UTF_8)).deadLetter.reason())
                .isEqualTo("payload.user_id is not a snowflake: x7");
    }

    @Test
    void otherMemberEventsAreSkipped() {
        byte[] message = TestEvents.messageCreated(5, 6, T);
        assertThat(members.decode("guildhall.members", 0, 1, null, message)).isNull();
    }
}
