package dev.guildhall.analytics.automod;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.InvalidEventException;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.payload.MessageCreated;
import dev.guildhall.events.payload.MessageDeleted;
import dev.guildhall.events.payload.MessageUpdated;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageToScoreExtractorTest {
    private final Snowflakes ids = new Snowflakes(3, 1);
    private final MessageToScoreExtractor extractor = new MessageToScoreExtractor();

    @Test
    void aCreatedMessageBecomesOneToScore() {
        var e = EventCodec.wrap(ids, "t", "12", 1_000L, new MessageCreated("100", "20", "30", false, "hey you", 7,
                990L, true));
        MessageToScore m = extractor.extract(e);
        assertThat(m).isEqualTo(new MessageToScore(e.eventId(), 1_000L, 12, 100, 20, 30, "hey you", 990L, true, 0));
    }

    @Test
    void anEditIsScoredLikeANewMessageAndNamesItsVersion() {
        var e = EventCodec.wrap(ids, "t", "12", 2_000L, new MessageUpdated("100", "20", "30", false, "edited", 6,
                1_990L, 990L, true));
        assertThat(extractor.extract(e)).isEqualTo(new MessageToScore(e.eventId(), 2_000L, 12, 100, 20, 30,
                "edited", 990L, true, 1_990L));
        long id = ids.next();
        var older = EventCodec.wrap(ids, "t", "12", 2_000L, new MessageUpdated(Long.toString(id), "20", "30", false,
                "edited", 6, 1_990L, 0L));
        assertThat(extractor.extract(older).createdAt()).isEqualTo(Snowflakes.timestampOf(id));
        assertThat(extractor.extract(older).automodPending()).isFalse();
        assertThatThrownBy(() -> extractor.extract(EventCodec.wrap(ids, "t", "12", 1L,
                new MessageUpdated("1", "20", "30", false, "a", 1, 0L, 1L)))).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("payload.edited_at");
    }

    @Test
    void otherTypesAreSkippedAndViolationsRejected() {
        assertThat(extractor.extract(EventCodec.wrap(ids, "t", "12", 1L,
                new MessageDeleted("1", "2", "3", "3", 1L)))).isNull();
        assertThatThrownBy(() -> extractor.extract(EventCodec.wrap(ids, "t", "12", 1L,
                new MessageCreated("x1", "20", "30", false, "a", 1, 1L)))).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("payload.message_id");
        assertThatThrownBy(() -> extractor.extract(EventCodec.wrap(ids, "t", "12", 1L,
                new MessageCreated("1", "20", "30", false, null, 0, 1L)))).hasMessageContaining("payload.content");
    }
}
