package dev.guildhall.analytics.ingest;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Passes events on and sends dead letters to a side output, counting them in metric {@code guildhall.deadLetters}. */
public final class DeadLetterRouter<T> extends ProcessFunction<DecodedRecord<T>, T> {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRouter.class);
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {
    };

    private transient Counter deadLetters;

    @Override
    public void open(OpenContext openContext) {
        deadLetters = getRuntimeContext().getMetricGroup().addGroup("guildhall").counter("deadLetters");
    }

    @Override
    public void processElement(DecodedRecord<T> record, Context ctx, Collector<T> out) {
        if (record.deadLetter != null) {
            deadLetters.inc();
            long n = deadLetters.getCount();
            if (n <= 20 || n % 1000 == 0) {
                DeadLetter d = record.deadLetter;
                LOG.warn("dead letter #{} job={} topic={} partition={} offset={} reason={}", n, d.job(), d.sourceTopic(),
                        d.partition(), d.offset(), d.reason());
            }
            ctx.output(DEAD_LETTERS, record.deadLetter);
        } else if (record.event != null) {
            out.collect(record.event);
        }
    }
}
