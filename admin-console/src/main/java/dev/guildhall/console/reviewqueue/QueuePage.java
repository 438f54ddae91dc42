package dev.guildhall.console.reviewqueue;

import java.util.List;

/** One page of the queue and how many items match the filters in all. */
public record QueuePage(List<QueueItem> items, long total) {
}
