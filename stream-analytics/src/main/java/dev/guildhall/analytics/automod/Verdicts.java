package dev.guildhall.analytics.automod;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.EventType;
import dev.guildhall.events.payload.AutoModVerdict;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Pure functions of the verdict job: scores → verdict row, verdict row → event. */
public final class Verdicts {
    /** The classifier's labels the verdict (and the table) has a score for, in this order. */
    public static final List<String> LABELS = List.of("safe", "spam", "toxic", "harassment");
    /** The {@code source} of the envelopes the job writes. */
    public static final String SOURCE = "stream-analytics/" + AutoModVerdictJob.NAME;

    private Verdicts() {
    }

    /**
     * The verdict on {@code m} from the classifier's {@code scores} (indexed like {@code labels}, which must hold
     * {@link #LABELS}).
     */
    public static VerdictRow verdict(MessageToScore m, List<String> labels, float[] scores, String modelVersion,
                                     long latencyMicros, long scoredAt, double flagThreshold) {
        if (scores.length != labels.size()) {
            throw new IllegalArgumentException(scores.length + " scores for " + labels.size() + " labels");
        }
        double[] s = new double[LABELS.size()];
        for (int i = 0; i < LABELS.size(); i++) {
            int at = labels.indexOf(LABELS.get(i));
            if (at < 0) {
                throw new IllegalArgumentException("the model has no label '" + LABELS.get(i) + "': " + labels);
            }
            s[i] = scores[at];
        }
        int top = 0;
        for (int i = 1; i < s.length; i++) {
            if (s[i] > s[top]) {
                top = i;
            }
        }
        String label = LABELS.get(top);
        String decision = top != 0 && s[top] >= flagThreshold ? AutoModVerdict.FLAG : AutoModVerdict.ALLOW;
        return new VerdictRow(m.guildId(), m.messageId(), m.channelId(), m.authorId(), modelVersion, s[0], s[1], s[2],
                s[3], label, decision, latencyMicros, m.createdAt(), scoredAt, m.automodPending(), m.editedAt(),
                m.eventId());
    }

    /**
     * The {@code scored_ms} of each message of a batch, in batch order: {@code now}, but always after
     * {@code previous} (the latest time this scorer handed out), and one ms later for each earlier version of the
     * same message in the batch. The versions of a message (its content as posted, then its edits) reach one scorer
     * in order, so their verdicts get strictly increasing times, and {@code automod_verdicts}
     * (ReplacingMergeTree(scored_ms)) and the console's {@code argMax(…, scored_ms)} keep the latest content's
     * verdict even when a message and its edit are scored in the same batch or millisecond.
     */
    public static long[] scoredTimes(List<MessageToScore> batch, long now, long previous) {
        long base = Math.max(now, previous + 1);
        Map<Long, Integer> versions = new HashMap<>();
        long[] times = new long[batch.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = base + versions.merge(batch.get(i).messageId(), 1, Integer::sum) - 1;
        }
        return times;
    }

    /**
     * The {@code automod.verdict} event of a row. Its event id is the message id for the content the message was
     * posted with, and the {@code message.updated} event's id for an edit's content (the stream verdict of each
     * content version is one event: a replay writes the same envelope again, which idempotent consumers drop); the
     * envelope's time is the message's, or the edit's.
     */
    public static EventEnvelope event(VerdictRow r) {
        AutoModVerdict payload = new AutoModVerdict(Long.toString(r.messageId()), Long.toString(r.channelId()),
                Long.toString(r.authorId()), r.modelVersion(), r.safe(), r.spam(), r.toxic(), r.harassment(),
                r.decision(), List.of(), AutoModVerdict.STREAM, r.latencyMicros(), r.messageCreatedAt(), r.scoredAt(),
                r.automodPending(), r.editedAt());
        EventType type = EventType.AUTOMOD_VERDICT;
        boolean edit = r.editedAt() != 0;
        return new EventEnvelope(edit ? r.sourceEventId() : Long.toString(r.messageId()), type.wireName(),
                type.version(), edit ? r.editedAt() : r.messageCreatedAt(), Long.toString(r.guildId()), SOURCE,
                EventCodec.mapper().valueToTree(payload));
    }
}
