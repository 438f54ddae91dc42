package dev.guildhall.monitor.slo;

import dev.guildhall.events.payload.VoiceAlert;
import dev.guildhall.events.payload.VoiceServerHealth;

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

    /** A closed window of a region or voice server was compared with the SLO. */
    default void windowEvaluated(Scope scope, long windowEnd, QualityWindowAggregate aggregate) {
    }

    /** An alert changed state (open, update or resolved). */
    default void alert(VoiceAlert alert) {
    }

    /** A voice server health verdict was sent. */
    default void health(VoiceServerHealth health) {
    }
}
