package dev.guildhall.analytics.automod;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.EventType;
import dev.guildhall.events.payload.AutoModVerdict;

import java.util.List;

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
                s[3], label, decision, latencyMicros, m.createdAt(), scoredAt, m.automodPending());
    }

    /**
     * The {@code automod.verdict} event of a row. Its event id is the message id (the stream verdict of a message
     * is one event: a replay writes the same envelope again, which idempotent consumers drop); the envelope's
     * time is the message's.
     */
    public static EventEnvelope event(VerdictRow r) {
        AutoModVerdict payload = new AutoModVerdict(Long.toString(r.messageId()), Long.toString(r.channelId()),
                Long.toString(r.authorId()), r.modelVersion(), r.safe(), r.spam(), r.toxic(), r.harassment(),
                r.decision(), List.of(), AutoModVerdict.STREAM, r.latencyMicros(), r.messageCreatedAt(), r.scoredAt(),
                r.automodPending());
        EventType type = EventType.AUTOMOD_VERDICT;
        return new EventEnvelope(Long.toString(r.messageId()), type.wireName(), type.version(), r.messageCreatedAt(),
                Long.toString(r.guildId()), SOURCE, EventCodec.mapper().valueToTree(payload));
    }
}
