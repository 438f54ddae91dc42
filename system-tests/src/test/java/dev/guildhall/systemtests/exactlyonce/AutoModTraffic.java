package dev.guildhall.systemtests.exactlyonce;

import dev.guildhall.automod.ml.MessageClassifier;
import dev.guildhall.automod.ml.MessageClassifiers;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.AutoModVerdict;
import dev.guildhall.events.payload.MessageCreated;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * automod-verdicts job: {@code message.created} in 2 guilds × 2 channels with texts from a fixed set →
 * automod_verdicts: exactly one row per message (FINAL), with its ids, day, model version, label, decision, source
 * "stream" and its four scores in units of 1e-4, each equal to a direct {@link MessageClassifiers#bundled()} scoring
 * of the text in this JVM. The job scores in batches, whose float results may differ from a single scoring in the
 * last bits, so a text is only used when its scores lie at least 1e-6 from a rounding boundary of 1e-4 and its label
 * and decision (flag at 0.5, the launcher's default threshold) have a margin of 1e-4: then the rows are exact
 * whatever the batch.
 * (The job also scores the engagement traffic's messages, which lie outside these guilds.)
 */
final class AutoModTraffic implements Traffic {
    private static final long[] GUILDS = {760001, 760002};
    private static final double FLAG_THRESHOLD = 0.5;
    private static final List<String> LABELS = List.of("safe", "spam", "toxic", "harassment");
    private static final List<String> CANDIDATES = List.of(
            "gg everyone, see you at the raid tonight",
            "anyone up for ranked after dinner?",
            "FREE NITRO!!! click discord-gift.example/claim now before it expires",
            "buy cheap gold and accounts, dm me, best prices, limited offer",
            "you are a worthless idiot and everyone here hates you",
            "shut up, nobody asked you, go away loser",
            "thanks for the carry, that boss was brutal",
            "I will find where you live and make you regret it",
            "check my stream, follow and subscribe, giveaway at 1000 followers!!!",
            "what time does the tournament start on saturday?");

    private final Snowflakes ids;
    private final Random random = new Random(760);
    private final List<Scored> texts = new ArrayList<>();
    private final String modelVersion;
    private final List<String> rows = new ArrayList<>();
    private final Map<String, String> verdicts = new HashMap<>();

    AutoModTraffic(Snowflakes ids) {
        this.ids = ids;
        try (MessageClassifier classifier = MessageClassifiers.bundled()) {
            modelVersion = classifier.version();
            for (String text : CANDIDATES) {
                float[] raw = classifier.score(text);
                double[] s = new double[LABELS.size()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = raw[classifier.labels().indexOf(LABELS.get(i))];
                }
                Scored scored = Scored.of(text, s);
                if (scored != null) {
                    texts.add(scored);
                }
            }
        }
        if (texts.size() < 5) {
            throw new IllegalStateException("only " + texts.size() + " of the AutoMod texts score clear of rounding"
                    + " boundaries with model " + modelVersion + ": choose other texts");
        }
    }

    @Override
    public String topic() {
        return Topics.MESSAGES;
    }

    @Override
    public Event next(long at) {
        long guild = GUILDS[random.nextInt(GUILDS.length)];
        long channel = guild * 10 + 1 + random.nextInt(2);
        long author = 1 + random.nextInt(20);
        Scored text = texts.get(random.nextInt(texts.size()));
        String messageId = ids.nextString();
        rows.add(Rows.key(guild, Rows.day(at), messageId, channel, author, modelVersion, text.label, text.decision,
                "stream", text.units[0], text.units[1], text.units[2], text.units[3]));
        verdicts.put(messageId, Rows.key(messageId, channel, author, modelVersion, text.decision, AutoModVerdict.STREAM,
                at, text.units[0], text.units[1], text.units[2], text.units[3]));
        return new Event(Long.toString(guild), message(guild, messageId, channel, author, text.text, at));
    }

    @Override
    public byte[] watermarkEvent(long at) {
        return message(9999, ids.nextString(), 1, 42, "advance", at);
    }

    private byte[] message(long guild, String messageId, long channel, long author, String content, long at) {
        MessageCreated payload = new MessageCreated(messageId, Long.toString(channel), Long.toString(author), false,
                content, content.length(), at);
        return EventCodec.encode(EventCodec.wrap(ids, "exactly-once-it", Long.toString(guild), at, payload));
    }

    @Override
    public List<Check> checks() {
        String score = "toInt64(round(toFloat64(%s) * 10000))";
        return List.of(new Check("automod_verdicts", "SELECT guild_id, toString(day), message_id, channel_id,"
                + " author_id, model_version, label, decision, source, " + String.format(score, "safe") + ", "
                + String.format(score, "spam") + ", " + String.format(score, "toxic") + ", "
                + String.format(score, "harassment") + " FROM automod_verdicts FINAL WHERE guild_id IN "
                + Rows.inList(GUILDS), List.copyOf(rows)));
    }

    /** The guilds of the messages, as envelope guild ids. */
    Set<String> guilds() {
        return LongStream.of(GUILDS).mapToObj(Long::toString).collect(Collectors.toSet());
    }

    /**
     * The verdict event each message must have on {@code guildhall.automod.verdicts}, as {@link #verdictLine}: its
     * event id is the message id, and it carries the row's ids, model, decision and scores.
     */
    Map<String, String> expectedVerdicts() {
        return Map.copyOf(verdicts);
    }

    /** An {@code automod.verdict} event's identity and verdict, scores in units of 1e-4 (as the rows are compared). */
    static String verdictLine(String eventId, AutoModVerdict v) {
        return Rows.key(eventId, v.channelId(), v.authorId(), v.modelVersion(), v.decision(), v.source(),
                v.messageCreatedAt(), Math.round(v.safe() * 10000), Math.round(v.spam() * 10000),
                Math.round(v.toxic() * 10000), Math.round(v.harassment() * 10000));
    }

    /** A text, its label and decision and its scores in units of 1e-4; null when too close to a boundary. */
    private record Scored(String text, String label, String decision, long[] units) {
        static Scored of(String text, double[] scores) {
            long[] units = new long[scores.length];
            for (int i = 0; i < scores.length; i++) {
                double u = scores[i] * 10000;
                if (Math.abs(u - Math.floor(u) - 0.5) < 0.01) {
                    return null;
                }
                units[i] = Math.round(u);
            }
            int top = 0;
            for (int i = 1; i < scores.length; i++) {
                top = scores[i] > scores[top] ? i : top;
            }
            double[] others = scores.clone();
            others[top] = Double.NEGATIVE_INFINITY;
            if (scores[top] - Arrays.stream(others).max().orElseThrow() < 1e-4
                    || top != 0 && Math.abs(scores[top] - FLAG_THRESHOLD) < 1e-4) {
                return null;
            }
            boolean flag = top != 0 && scores[top] >= FLAG_THRESHOLD;
            return new Scored(text, LABELS.get(top), flag ? AutoModVerdict.FLAG : AutoModVerdict.ALLOW, units);
        }
    }
}
