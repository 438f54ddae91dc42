package dev.guildhall.monitor.slo;

import dev.guildhall.events.payload.VoiceAlert;

/** What the topology reports to the outside (metrics, logs). Implementations must be thread-safe. */
public interface MonitorListener {
    MonitorListener NONE = new MonitorListener() {
    };

    /** A record of the input topic could not be used; it goes to the dead-letter topic. */
    default void badRecord(String reason) {
    }

    /** A valid sample entered a window. */
    default void sampleAccepted(String region) {
    }

    /** A closed window was compared with the SLO. */
    default void windowEvaluated(String region, long windowEnd, RegionWindowAggregate aggregate) {
    }

    /** An alert changed state (open or resolved). */
    default void alert(VoiceAlert alert) {
    }
}
