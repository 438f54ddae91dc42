package dev.guildhall.console.rules;

import java.util.List;

/**
 * The preview of a draft rule over recent messages, newest first.
 *
 * @param channelsRead    channels whose recent messages were read
 * @param channelsSkipped channels the user cannot read (core-server refused), by label
 * @param note            a remark about the whole preview (e.g. a rule type that does not look at messages), or ""
 */
public record PreviewResult(List<PreviewRow> rows, int channelsRead, List<String> channelsSkipped, String note) {

    public long matches() {
        return rows.stream().filter(r -> r.outcome() == PreviewRow.Outcome.MATCH).count();
    }
}
