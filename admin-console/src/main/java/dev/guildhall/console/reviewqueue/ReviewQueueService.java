package dev.guildhall.console.reviewqueue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.console.auth.ConsoleUser;
import dev.guildhall.console.auth.CoreRefusedException;
import dev.guildhall.console.auth.CoreServerClient;
import dev.guildhall.console.auth.CoreUnavailableException;
import dev.guildhall.console.auth.GuildAccessDeniedException;
import dev.guildhall.console.auth.GuildScope;
import dev.guildhall.console.auth.GuildSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Everything the review-queue view reads or does, each call checked here first: the guild must be in the user's
 * moderator scope from core-server (MANAGE_MESSAGES or MODERATE_MEMBERS, or owner) and, for timeout / kick / ban,
 * the user must hold that action's permission there, else {@link GuildAccessDeniedException} before core-server is
 * asked. Calls then go to core-server's review-queue API with the acting user's own token, so core-server checks
 * again (role hierarchy, claims) and writes the audit log; its refusals arrive as {@link CoreRefusedException}, an
 * unreachable core-server as {@link CoreUnavailableException}.
 */
@Service
public class ReviewQueueService {

    /** core-server's largest page and bulk request. */
    static final int CORE_MAX = 100;
    private static final Logger log = LoggerFactory.getLogger(ReviewQueueService.class);

    private final GuildScope scope;
    private final CoreServerClient core;

    public ReviewQueueService(GuildScope scope, CoreServerClient core) {
        this.scope = scope;
        this.core = core;
    }

    /** Guilds the user moderates. */
    public List<GuildSummary> guilds(ConsoleUser user) {
        return scope.moderatedGuilds(user);
    }

    /** The guild, if the user moderates it. */
    public GuildSummary guild(ConsoleUser user, long guildId) {
        return scope.requireModerated(user, guildId, 0);
    }

    /** The guild's channels the user can see, id → name (for the channel filter and the detail). */
    public Map<Long, String> channels(ConsoleUser user, long guildId) {
        scope.requireModerated(user, guildId, 0);
        return core.guildChannels(user.token(), guildId);
    }

    private static String base(long guildId) {
        return "guilds/" + guildId + "/auto-moderation/queue";
    }

    /** Items {@code offset .. offset + limit} of the filtered queue (several core-server pages when needed). */
    public QueuePage page(ConsoleUser user, long guildId, QueueFilter filter, int offset, int limit) {
        scope.requireModerated(user, guildId, 0);
        return fetch(user, guildId, filter, offset, limit);
    }

    /** The page without the scope check: for {@link QueueWatcher}, whose subscriptions were checked when made. */
    QueuePage fetch(ConsoleUser user, long guildId, QueueFilter filter, int offset, int limit) {
        List<QueueItem> items = new ArrayList<>();
        long total = 0;
        int at = offset;
        int left = limit;
        do {
            int chunk = Math.max(1, Math.min(CORE_MAX, left));
            JsonNode page = core.send("GET", base(guildId) + "?" + filter.query(at, chunk), user.token(), null, null,
                    "review queue");
            total = page.path("total_results").asLong();
            int got = 0;
            for (JsonNode item : page.path("items")) {
                items.add(QueueItem.from(item));
                got++;
            }
            at += got;
            left -= got;
            if (got < chunk) {
                break;
            }
        } while (left > 0);
        return new QueuePage(List.copyOf(items), total);
    }

    /** The item with its channel context and the author's history. */
    public QueueItemDetail detail(ConsoleUser user, long guildId, long itemId) {
        scope.requireModerated(user, guildId, 0);
        return QueueItemDetail.from(core.send("GET", base(guildId) + "/" + itemId, user.token(), null, null,
                "review item"));
    }

    /** Claims the item for the user (core-server answers 409 when another moderator holds it). */
    public QueueItem claim(ConsoleUser user, long guildId, long itemId) {
        scope.requireModerated(user, guildId, 0);
        QueueItem item = QueueItem.from(core.send("POST", base(guildId) + "/" + itemId + "/claim", user.token(),
                null, null, "claim"));
        logAction(user, "claim", guildId, itemId);
        return item;
    }

    /** Releases the user's claim. */
    public void release(ConsoleUser user, long guildId, long itemId) {
        scope.requireModerated(user, guildId, 0);
        core.send("DELETE", base(guildId) + "/" + itemId + "/claim", user.token(), null, null, "release");
    }

    /**
     * Resolves one item; {@code timeout} only for {@link QueueAction#TIMEOUT} (1 s to 28 days); the reason goes to
     * core-server's audit log.
     */
    public QueueItem resolve(ConsoleUser user, long guildId, long itemId, QueueAction action, String reason,
                             Duration timeout) {
        scope.requireModerated(user, guildId, action.permission);
        QueueItem item = QueueItem.from(core.send("POST", base(guildId) + "/" + itemId + "/resolve", user.token(),
                body(action, reason, timeout), null, action.wireName));
        logAction(user, action.wireName, guildId, itemId);
        return item;
    }

    /** Resolves many items with one action: one result per id, in order. */
    public List<BulkResult> resolveAll(ConsoleUser user, long guildId, List<Long> itemIds, QueueAction action,
                                       String reason, Duration timeout) {
        scope.requireModerated(user, guildId, action.permission);
        List<BulkResult> results = new ArrayList<>();
        for (int from = 0; from < itemIds.size(); from += CORE_MAX) {
            Map<String, Object> body = body(action, reason, timeout);
            body.put("item_ids", itemIds.subList(from, Math.min(itemIds.size(), from + CORE_MAX)).stream()
                    .map(String::valueOf).toList());
            JsonNode answer = core.send("POST", base(guildId) + "/bulk-resolve", user.token(), body, null,
                    "bulk " + action.wireName);
            for (JsonNode r : answer.path("results")) {
                long id = QueueItem.id(r.path("id"));
                results.add(r.path("item").isObject() ? new BulkResult(id, QueueItem.from(r.path("item")), null)
                        : new BulkResult(id, null, r.path("message").asText("refused")));
            }
        }
        log.info("event=console_action action=bulk_{} user={} user_id={} guild={} items={}", action.wireName,
                user.getName(), user.userId(), guildId, itemIds.size());
        return results;
    }

    private static Map<String, Object> body(QueueAction action, String reason, Duration timeout) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action.wireName);
        if (reason != null && !reason.isBlank()) {
            body.put("reason", reason.strip());
        }
        if (action == QueueAction.TIMEOUT) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()
                    || timeout.compareTo(QueueAction.MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException("a timeout lasts between 1 second and 28 days");
            }
            body.put("duration_seconds", timeout.toSeconds());
        }
        return body;
    }

    private static void logAction(ConsoleUser user, String action, long guildId, long itemId) {
        log.info("event=console_action action=queue_{} user={} user_id={} guild={} item={}", action, user.getName(),
                user.userId(), guildId, itemId);
    }
}
