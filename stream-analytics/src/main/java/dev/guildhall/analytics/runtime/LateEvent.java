package dev.guildhall.analytics.runtime;

/**
 * An event a pipeline dropped because it came after its allowed lateness: one row of {@code late_events}.
 *
 * @param job         the pipeline that dropped it (job name, or job-pipeline for a job's second pipeline)
 * @param eventType   the envelope's type
 * @param guildId     the envelope's guild (0 for events of no guild)
 * @param occurredAt  the event time, epoch ms
 * @param arrivedMs   when the pipeline dropped it, epoch ms
 * @param watermarkMs the pipeline's event-time watermark then
 */
public record LateEvent(String job, String eventId, String eventType, long guildId, long occurredAt, long arrivedMs,
                        long watermarkMs) {
}
