package dev.guildhall.analytics.ingest;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drops an event whose event_id is one of the last {@code depth} event ids read from the same Kafka partition, and
 * counts it in metric {@code guildhall.duplicateEvents}. Runs chained to the source (no shuffle) with fixed state per
 * partition ({@link RecentIds}), whatever the event rate.
 *
 * <p>Why a depth of records and not a time horizon: the only producer that re-sends is the core-server outbox relay
 * (at least once: a crash between Kafka's ack and marking the rows sent re-sends that batch). Its Kafka key is the
 * guild id, so a copy lands in the partition of its original, and the relay that takes over sends the unmarked rows
 * first: the copy follows its original within about one relay batch ({@code outbox.batch.size}, 200) of that
 * partition, however long the relay was down. Voice nodes use idempotent producers (Kafka removes their retries) and
 * quality-monitor writes in transactions (the source reads committed records only). The depth is in records, not
 * time, so it holds at any rate and after any downtime.
 *
 * <p>State: per partition the recent ids and the offset of the last record, in union list state, so every subtask
 * gets every partition's ids after a restore (also with another parallelism); where copies meet, the one with the
 * highest offset wins. The state is checkpointed with the source offsets, so a replay after a restore is not taken
 * for a copy of itself.
 */
public final class Deduplicate<T extends JobEvent> extends ProcessFunction<DecodedRecord<T>, DecodedRecord<T>>
        implements CheckpointedFunction {
    private final int depth;
    private transient Map<Integer, Partition> partitions;
    private transient ListState<PartitionIds> state;
    private transient Counter duplicates;

    public Deduplicate(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("dedup depth must be >= 1");
        }
        this.depth = depth;
    }

    /** The recent ids of one partition and the offset of its last record. */
    private static final class Partition {
        final RecentIds ids;
        long offset;

        Partition(RecentIds ids, long offset) {
            this.ids = ids;
            this.offset = offset;
        }
    }

    @Override
    public void open(OpenContext openContext) {
        duplicates = getRuntimeContext().getMetricGroup().addGroup("guildhall").counter("duplicateEvents");
    }

    @Override
    public void processElement(DecodedRecord<T> record, Context ctx, Collector<DecodedRecord<T>> out) {
        if (record.event != null && !firstTime(record.partition, record.offset, record.event.eventId())) {
            duplicates.inc();
            return;
        }
        out.collect(record);
    }

    /** The pure part: false when the id is one of the partition's recent ids (a copy), else remembers it. */
    boolean firstTime(int partition, long offset, String eventId) {
        Partition p = partitions.computeIfAbsent(partition, k -> new Partition(new RecentIds(depth), -1));
        p.offset = Math.max(p.offset, offset);
        return p.ids.add(idKey(eventId));
    }

    /**
     * An event id as a long: a snowflake (decimal, unsigned 64 bit) as itself, anything else as a 64-bit FNV-1a
     * hash of its UTF-8 bytes (two different ids then agree with probability ~2^-64 per comparison).
     */
    static long idKey(String eventId) {
        int n = eventId.length();
        if (n > 0 && n <= 20) {
            boolean digits = true;
            for (int i = 0; i < n && digits; i++) {
                char c = eventId.charAt(i);
                digits = c >= '0' && c <= '9';
            }
            if (digits) {
                try {
                    return Long.parseUnsignedLong(eventId);
                } catch (NumberFormatException tooLarge) {
                    // 20 digits above 2^64 - 1: hashed below
                }
            }
        }
        long h = 0xcbf29ce484222325L;
        for (byte b : eventId.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        state = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("recent-event-ids", TypeInformation.of(PartitionIds.class)));
        restore(context.isRestored() ? state.get() : List.of());
    }

    /** Starts from restored partitions; of several copies of one partition the one with the highest offset wins. */
    void restore(Iterable<PartitionIds> restored) {
        partitions = new HashMap<>();
        for (PartitionIds r : restored) {
            Partition known = partitions.get(r.partition);
            if (known == null || known.offset < r.offset) {
                partitions.put(r.partition, new Partition(RecentIds.of(depth, r.ids), r.offset));
            }
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        state.update(snapshot());
    }

    List<PartitionIds> snapshot() {
        List<PartitionIds> snapshot = new ArrayList<>(partitions.size());
        partitions.forEach((partition, p) -> snapshot.add(new PartitionIds(partition, p.offset, p.ids.toArray())));
        return snapshot;
    }

    /** Checkpointed form of one partition's recent ids (a Flink POJO). */
    public static final class PartitionIds {
        public int partition;
        public long offset;
        /** Oldest first. */
        public long[] ids;

        public PartitionIds() {
        }

        PartitionIds(int partition, long offset, long[] ids) {
            this.partition = partition;
            this.offset = offset;
            this.ids = ids;
        }
    }
}
