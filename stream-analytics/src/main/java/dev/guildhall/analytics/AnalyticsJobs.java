package dev.guildhall.analytics;

import dev.guildhall.analytics.alerts.AlertsJob;
import dev.guildhall.analytics.engagement.EngagementJob;
import dev.guildhall.analytics.members.MembersJob;
import dev.guildhall.analytics.moderation.ModerationJob;
import dev.guildhall.analytics.runtime.AnalyticsJob;
import dev.guildhall.analytics.voice.VoiceQualityJob;
import dev.guildhall.analytics.voiceminutes.VoiceMinutesJob;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Every job of stream-analytics, by name. */
public final class AnalyticsJobs {
    private AnalyticsJobs() {
    }

    public static List<AnalyticsJob> all() {
        return List.of(new EngagementJob(), new VoiceQualityJob(), new AlertsJob(), new MembersJob(), new ModerationJob(),
                new VoiceMinutesJob());
    }

    /** "all" or a comma list of job names; unknown names are an error listing the known ones. */
    public static List<AnalyticsJob> select(String names) {
        if (names == null || names.isBlank() || names.equals("all")) {
            return all();
        }
        List<AnalyticsJob> selected = new ArrayList<>();
        for (String name : names.split(",")) {
            String n = name.trim();
            selected.add(all().stream().filter(j -> j.name().equals(n)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("unknown job '" + n + "'; known jobs: "
                            + Arrays.toString(all().stream().map(AnalyticsJob::name).toArray()))));
        }
        return selected;
    }
}
