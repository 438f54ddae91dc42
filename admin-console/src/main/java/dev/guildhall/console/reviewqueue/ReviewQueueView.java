package dev.guildhall.console.reviewqueue;

import static dev.guildhall.console.moderation.ActionFeedback.toast;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.guildhall.console.auth.ConsoleRole;
import dev.guildhall.console.auth.ConsoleUser;
import dev.guildhall.console.auth.CoreRefusedException;
import dev.guildhall.console.auth.CoreUnavailableException;
import dev.guildhall.console.auth.CurrentUser;
import dev.guildhall.console.auth.GuildAccessDeniedException;
import dev.guildhall.console.auth.GuildSummary;
import dev.guildhall.console.layout.GuildRoute;
import dev.guildhall.console.layout.MainLayout;
import dev.guildhall.console.layout.Notices;
import dev.guildhall.console.moderation.ActionFeedback;
import dev.guildhall.console.moderation.ModeratorScope;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A guild's AutoMod review queue ({@code /queue/<guild id>}): the items in a lazily paged grid (core-server pages of
 * up to 100, so 10,000 pending items cost only the rows on screen) with filters and sort, a detail panel with the
 * message's channel context and the author's history, claim, approve / remove / timeout / kick / ban with a reason,
 * bulk actions on the checked rows, keyboard shortcuts, and new items arriving live through Vaadin Push
 * ({@link QueueWatcher}). Every read and action goes through {@link ReviewQueueService}, which checks the guild
 * scope and permission on the server and then calls core-server with the user's token.
 *
 * <p>Shortcuts (with the grid focused, e.g. after clicking a row): N / P next / previous item, C claim, A approve,
 * R remove, T time out, K kick, B ban; in the reason dialog Enter confirms and Escape cancels.
 */
@Route(value = "queue", layout = MainLayout.class)
@StyleSheet("context://styles/review-queue.css")
@PageTitle("Review queue · Guildhall console")
@RolesAllowed({ConsoleRole.MODERATOR, ConsoleRole.TRUST_SAFETY, ConsoleRole.PLATFORM_ADMIN})
public class ReviewQueueView extends VerticalLayout implements HasUrlParameter<String> {

    static final String SHORTCUTS = "Shortcuts (click a row first): N / P next / previous · C claim · A approve · "
            + "R remove · T time out · K kick · B ban · in the dialog Enter confirms, Esc cancels";
    private static final String CORE_DOWN_WHAT_TO_DO = "The console asks core-server which guilds you moderate and "
            + "reads the queue from it. Check that core-server is running, then reload this page.";

    /** Flagged items (the message was posted) and/or blocked ones (never posted). */
    enum Kind {
        ALL("All kinds", null), FLAGGED("Flagged", false), BLOCKED("Blocked", true);

        final String label;
        final Boolean blocked;

        Kind(String label, Boolean blocked) {
            this.label = label;
            this.blocked = blocked;
        }
    }


    private final CurrentUser currentUser;
    private final ReviewQueueService queue;
    private final QueueWatcher watcher;
    private final ActionFeedback feedback = new ActionFeedback("queue-error",
            refused -> refused.status() == 409 ? " Pick another item; the list is up to date now."
                    : refused.code() == 50013 ? " (the author may rank above you, or be the owner)." : ".");

    private final Select<GuildSummary> guildPicker = new Select<>();
    private final GuildRoute route;
    private final Span count = new Span();
    private final Span live = new Span();
    private final VerticalLayout body = new VerticalLayout();

    private final Select<String> status = new Select<>();
    private final Select<Kind> kind = new Select<>();
    private final Select<Optional<Integer>> trigger = new Select<>();
    private final Select<Long> channel = new Select<>();
    private Map<Long, String> channelNames = Map.of();
    private final Select<String> sort = new Select<>();
    private final Button authorFilter = new Button();
    private final Div state = new Div();
    private final Grid<QueueItem> grid = new Grid<>();
    private final Span selectedCount = new Span();
    private final Map<QueueAction, Button> bulkButtons = new HashMap<>();

    private final ItemDetailPanel detail = new ItemDetailPanel();
    private final Map<QueueAction, Button> actionButtons = new HashMap<>();
    private final Button claimButton = new Button("Claim (C)");

    private ConsoleUser user;
    private GuildSummary guild;
    private QueueFilter filter = QueueFilter.pendingNewest();
    private QueueItem current;
    private final Map<Long, Integer> indexById = new HashMap<>();
    private long watchId;
    private long total;

    public ReviewQueueView(CurrentUser currentUser, ReviewQueueService queue, QueueWatcher watcher) {
        this.currentUser = currentUser;
        this.queue = queue;
        this.watcher = watcher;
        route = new GuildRoute("queue", guildPicker, queue::guilds, queue::guild,
                ModeratorScope.texts("The review queue", CORE_DOWN_WHAT_TO_DO));
        setSizeFull();

        guildPicker.setLabel("Guild");
        guildPicker.setWidth("20rem");
        guildPicker.setId("queue-guild-picker");
        guildPicker.setItemLabelGenerator(GuildSummary::label);
        guildPicker.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                getUI().ifPresent(ui -> ui.navigate(ReviewQueueView.class, Long.toString(e.getValue().id())));
            }
        });
        count.setId("queue-count");
        live.setId("queue-live");
        live.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        HorizontalLayout header = new HorizontalLayout(new H2("Review queue"), guildPicker, count, live);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        body.setPadding(false);
        body.setSizeFull();
        add(header, body);
        setFlexGrow(1, body);
        buildFilters();
        buildGrid();
        buildDetail();
        addDetachListener(e -> stopWatching());
        Shortcuts.addShortcutListener(this, this::next, Key.KEY_N).listenOn(this);
        Shortcuts.addShortcutListener(this, this::previous, Key.KEY_P).listenOn(this);
        Shortcuts.addShortcutListener(this, this::claimCurrent, Key.KEY_C).listenOn(this);
        for (QueueAction a : QueueAction.values()) {
            Shortcuts.addShortcutListener(this, () -> actOnCurrent(a), key(a.shortcut)).listenOn(this);
        }
    }

    private static Key key(char letter) {
        return switch (letter) {
            case 'A' -> Key.KEY_A;
            case 'R' -> Key.KEY_R;
            case 'T' -> Key.KEY_T;
            case 'K' -> Key.KEY_K;
            case 'B' -> Key.KEY_B;
            default -> throw new IllegalArgumentException("no shortcut key " + letter);
        };
    }

    private void buildFilters() {
        status.setId("queue-status");
        status.setLabel("Status");
        status.setItems("pending", "resolved", "all");
        status.setItemLabelGenerator(s -> switch (s) {
            case "pending" -> "Pending";
            case "resolved" -> "Resolved";
            default -> "All";
        });
        status.setValue("pending");
        kind.setId("queue-kind");
        kind.setLabel("Kind");
        kind.setItems(Kind.values());
        kind.setItemLabelGenerator(k -> k.label);
        kind.setValue(Kind.ALL);
        trigger.setId("queue-trigger");
        trigger.setLabel("Rule trigger");
        trigger.setItems(Stream.concat(Stream.of(Optional.<Integer>empty()),
                QueueTexts.TRIGGERS.keySet().stream().sorted().map(Optional::of)).toList());
        trigger.setItemLabelGenerator(t -> t.map(QueueTexts.TRIGGERS::get).orElse("Any trigger"));
        trigger.setValue(Optional.empty());
        channel.setId("queue-channel");
        channel.setLabel("Channel");
        channel.setItemLabelGenerator(id -> id == 0 ? "Any channel" : "#" + channelNames.getOrDefault(id,
                Long.toString(id)));
        sort.setId("queue-sort");
        sort.setLabel("Sort");
        sort.setItems("newest", "oldest", "score");
        sort.setItemLabelGenerator(s -> switch (s) {
            case "newest" -> "Newest first";
            case "oldest" -> "Oldest first";
            default -> "Highest score first";
        });
        sort.setValue("newest");
        for (Select<?> s : List.of(status, kind, trigger, channel, sort)) {
            s.setWidth("8rem");
            s.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    applyFilters(filter.authorId());
                }
            });
        }
        sort.setWidth("10rem"); // "Highest score first"
        channel.setWidth("9rem");
        authorFilter.setId("queue-author-filter");
        authorFilter.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        authorFilter.addClickListener(e -> applyFilters(0));
        authorFilter.setVisible(false);
    }

    private void buildGrid() {
        grid.setId("queue-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.setPageSize(50);
        grid.addColumn(i -> QueueTexts.score(i.score())).setHeader("Score")
                .setKey("score").setWidth("4rem").setFlexGrow(0);
        grid.addColumn(i -> QueueTexts.age(i.createdAt())).setHeader("Age").setKey("age").setWidth("4.5rem")
                .setFlexGrow(0).setTooltipGenerator(i -> QueueTexts.TIME.format(i.createdAt()) + " UTC");
        grid.addColumn(QueueItem::authorName).setHeader("Author").setKey("author").setWidth("6rem").setFlexGrow(1)
                .setTooltipGenerator(QueueItem::authorName);
        grid.addColumn(i -> (i.blocked() ? "Blocked: " : "") + (i.contentHidden()
                        ? "(hidden: you cannot view its channel)" : QueueTexts.shorten(i.content())))
                .setHeader("Message").setKey("message").setWidth("12rem").setFlexGrow(4)
                .setTooltipGenerator(QueueItem::content);
        grid.addColumn(QueueItem::ruleName).setHeader("Rule").setKey("rule").setWidth("6rem").setFlexGrow(1)
                .setTooltipGenerator(QueueItem::ruleName);
        grid.addColumn(this::claimLabel).setHeader("Claim").setKey("claim").setWidth("5.5rem").setFlexGrow(0);
        grid.setPartNameGenerator(i -> current != null && i.id() == current.id() ? "queue-current" : null);
        grid.addItemClickListener(e -> show(e.getItem()));
        grid.addSelectionListener(e -> showSelectionCount());
        grid.setItems(new CallbackDataProvider<QueueItem, Void>(q -> fetch(q.getOffset(), q.getLimit()),
                q -> count(), QueueItem::id));
        grid.setSizeFull();
        state.setId("queue-state");
        selectedCount.setId("queue-selected");
        for (QueueAction a : QueueAction.values()) {
            Button b = new Button(a.label);
            b.setId("bulk-" + a.wireName);
            b.addThemeVariants(ButtonVariant.LUMO_SMALL);
            b.addClickListener(e -> act(a, List.copyOf(grid.getSelectedItems())));
            bulkButtons.put(a, b);
        }
    }

    private void buildDetail() {
        claimButton.setId("queue-claim");
        claimButton.addThemeVariants(ButtonVariant.LUMO_SMALL);
        claimButton.addClickListener(e -> claimCurrent());
        for (QueueAction a : QueueAction.values()) {
            Button b = new Button(a.label + " (" + a.shortcut + ")");
            b.setId("queue-" + a.wireName);
            b.addThemeVariants(a == QueueAction.APPROVE ? ButtonVariant.LUMO_SUCCESS : ButtonVariant.LUMO_ERROR,
                    ButtonVariant.LUMO_SMALL);
            b.addClickListener(e -> actOnCurrent(a));
            actionButtons.put(a, b);
        }
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter String guildParam) {
        guild = null;
        current = null;
        stopWatching();
        body.removeAll();
        user = currentUser.require();
        Optional<GuildSummary> chosen = route.open(user, guildParam, body,
                id -> event.forwardTo(ReviewQueueView.class, Long.toString(id)));
        if (chosen.isEmpty()) {
            count.setText("");
            return;
        }
        guild = chosen.get();
        status.setValue("pending");
        kind.setValue(Kind.ALL);
        trigger.setValue(Optional.empty());
        try {
            channelNames = queue.channels(user, guild.id());
        } catch (RuntimeException e) {
            channelNames = Map.of(); // the filter then offers "Any channel" only; the queue still loads
        }
        List<Long> channels = new ArrayList<>(List.of(0L));
        channels.addAll(channelNames.keySet());
        channel.setItems(channels);
        channel.setValue(0L);
        sort.setValue("newest");
        filter = QueueFilter.pendingNewest();
        authorFilter.setVisible(false);
        body.add(layoutFor(guild));
        grid.deselectAll();
        showSelectionCount();
        refresh();
        showDetail(null);
        startWatching(UI.getCurrent());
    }

    private HorizontalLayout layoutFor(GuildSummary g) {
        HorizontalLayout filters = new HorizontalLayout(status, kind, trigger, channel, authorFilter);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.getStyle().set("flex-wrap", "wrap");
        HorizontalLayout bulk = new HorizontalLayout(sort, selectedCount);
        bulk.setAlignItems(FlexComponent.Alignment.BASELINE);
        bulk.getStyle().set("flex-wrap", "wrap");
        for (QueueAction a : QueueAction.values()) {
            Button b = bulkButtons.get(a);
            b.setVisible(a.permission == 0 || g.can(a.permission));
            bulk.add(b);
        }
        Span shortcuts = new Span(SHORTCUTS);
        shortcuts.setId("queue-shortcuts");
        shortcuts.getStyle().set("color", "var(--lumo-secondary-text-color)")
                .set("font-size", "var(--lumo-font-size-xs)");
        VerticalLayout left = new VerticalLayout(filters, bulk, state, grid, shortcuts);
        left.setPadding(false);
        left.setSizeFull();
        left.setMinWidth("0");
        left.setFlexGrow(1, grid);
        HorizontalLayout panels = new HorizontalLayout(left, detail);
        panels.setSizeFull();
        panels.setFlexGrow(1, left);
        return panels;
    }

    // ---- data

    private Stream<QueueItem> fetch(int offset, int limit) {
        if (guild == null) {
            return Stream.empty();
        }
        try {
            List<QueueItem> items = queue.page(user, guild.id(), filter, offset, limit).items();
            for (int i = 0; i < items.size(); i++) {
                indexById.put(items.get(i).id(), offset + i);
            }
            return items.stream();
        } catch (RuntimeException e) {
            showLoadFailure(e);
            return Stream.empty();
        }
    }

    private int count() {
        if (guild == null) {
            return 0;
        }
        try {
            total = queue.page(user, guild.id(), filter, 0, 1).total();
        } catch (RuntimeException e) {
            showLoadFailure(e);
            total = 0;
        }
        showCount();
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    private void refresh() {
        indexById.clear();
        state.removeAll();
        grid.getDataProvider().refreshAll();
    }

    private void showCount() {
        count.setText(total + (filter.narrowed() ? " matching item" : " pending item") + (total == 1 ? "" : "s"));
        state.removeAll();
        if (total == 0) {
            state.add(filter.narrowed()
                    ? Notices.notice("queue-empty", "No items match these filters",
                            "Set Status to Pending, Kind to All kinds, Rule trigger to Any trigger, Channel to Any channel "
                                    + "(and clear the author filter) to see the whole queue.")
                    : Notices.notice("queue-empty", "The review queue is empty",
                            "Messages that match an AutoMod rule with the Flag to queue or Block message action "
                                    + "appear here as they are posted. If you expect items, check the guild's AutoMod "
                                    + "rules (Server Settings → AutoMod) and that they are enabled."));
        }
    }

    private void showLoadFailure(RuntimeException e) {
        state.removeAll();
        if (e instanceof CoreUnavailableException) {
            state.add(coreDown());
        } else if (e instanceof GuildAccessDeniedException || e instanceof CoreRefusedException) {
            state.add(Notices.notice("queue-no-access", "You can no longer read this guild's review queue",
                    "Reading it needs Manage Messages or Timeout Members in this guild. Ask the server owner, then "
                            + "reload this page."));
        } else {
            throw e;
        }
    }

    private void applyFilters(long authorId) {
        if (guild == null) {
            return;
        }
        filter = new QueueFilter(status.getValue(), kind.getValue().blocked, trigger.getValue().orElse(null),
                channel.getValue() == null ? 0 : channel.getValue(), authorId, sort.getValue());
        authorFilter.setVisible(authorId != 0);
        if (authorId != 0 && current != null) {
            authorFilter.setText("Author: " + current.authorName() + " ✕");
        }
        grid.deselectAll();
        refresh();
    }

    // ---- live updates

    private void startWatching(UI ui) {
        QueueWatcher.Snapshot now = new QueueWatcher.Snapshot(-1, -1);
        long guildId = guild.id();
        watchId = watcher.watch(user, guildId, now, snapshot -> {
            try {
                ui.access(() -> onQueueChanged(guildId));
            } catch (UIDetachedException e) {
                stopWatching();
            }
        });
        live.setText(watchId == 0 ? "Live updates paused (too many open queues); reload to refresh"
                : "Live: new items appear by themselves");
    }

    private void stopWatching() {
        if (watchId != 0) {
            watcher.stop(watchId);
            watchId = 0;
        }
    }

    private void onQueueChanged(long guildId) {
        if (guild == null || guild.id() != guildId) {
            return;
        }
        refresh();
        if (current != null) {
            showDetail(current.id());
        }
    }

    // ---- detail and actions

    private void show(QueueItem item) {
        showDetail(item.id());
    }

    private void showDetail(Long itemId) {
        markCurrent(null);
        if (itemId == null || guild == null) {
            detail.showPick();
            return;
        }
        QueueItemDetail d;
        try {
            d = queue.detail(user, guild.id(), itemId);
        } catch (RuntimeException e) {
            detail.showPick();
            feedback.failed("Loading the item", e);
            return;
        }
        markCurrent(d.item());
        QueueItem i = d.item();
        HorizontalLayout buttons = new HorizontalLayout(claimButton);
        buttons.getStyle().set("flex-wrap", "wrap");
        claimButton.setEnabled(i.pending());
        for (QueueAction a : QueueAction.values()) {
            Button b = actionButtons.get(a);
            b.setEnabled(i.pending() && allowed(a));
            buttons.add(b);
        }
        Button onlyAuthor = new Button("Only " + i.authorName() + "'s items", e -> applyFilters(i.authorId()));
        onlyAuthor.setId("queue-only-author");
        onlyAuthor.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        String claim = i.pending() ? claimLabel(i).isEmpty() ? "Not claimed" : "Claimed by " + claimLabel(i)
                : "Resolved: " + i.resolution() + (i.resolutionReason() == null ? "" : " — " + i.resolutionReason());
        detail.show(d, "#" + channelNames.getOrDefault(i.channelId(), Long.toString(i.channelId())), claim,
                buttons, onlyAuthor);
    }

    /** Makes the item the current one and re-renders the rows that gain or lose the highlight. */
    private void markCurrent(QueueItem item) {
        QueueItem before = current;
        current = item;
        if (before != null) {
            grid.getDataProvider().refreshItem(before);
        }
        if (item != null) {
            grid.getDataProvider().refreshItem(item);
        }
    }

    private boolean allowed(QueueAction a) {
        return guild != null && (a.permission == 0 || guild.can(a.permission));
    }

    private void claimCurrent() {
        if (current == null || guild == null || !current.pending()) {
            return;
        }
        try {
            queue.claim(user, guild.id(), current.id());
            toast("queue-done", "Claimed: nobody else can act on it for 10 minutes.", false);
            refresh();
            showDetail(current.id());
        } catch (RuntimeException e) {
            feedback.failed("Claim", e);
        }
    }

    private void actOnCurrent(QueueAction action) {
        if (current != null && current.pending() && allowed(action)) {
            act(action, List.of(current));
        }
    }

    private void act(QueueAction action, List<QueueItem> items) {
        if (guild == null || items.isEmpty()) {
            return;
        }
        if (!allowed(action)) {
            toast("queue-error", action.label + " needs a permission you do not hold in this guild.", true);
            return;
        }
        Integer index = current == null ? null : indexById.get(current.id());
        new ReasonDialog(action, items.size(), (reason, timeout) -> {
            try {
                if (items.size() == 1) {
                    queue.resolve(user, guild.id(), items.get(0).id(), action, reason, timeout);
                    toast("queue-done", action.done + ": " + items.get(0).authorName() + "'s message.", false);
                } else {
                    List<BulkResult> results = queue.resolveAll(user, guild.id(),
                            items.stream().map(QueueItem::id).toList(), action, reason, timeout);
                    long ok = results.stream().filter(BulkResult::ok).count();
                    List<String> errors = results.stream().filter(r -> !r.ok()).map(BulkResult::error).distinct()
                            .toList();
                    toast(ok == results.size() ? "queue-done" : "queue-error", action.done + " " + ok + " of "
                            + results.size() + " items" + (errors.isEmpty() ? "." : "; refused: "
                            + String.join("; ", errors)), ok != results.size());
                }
            } catch (RuntimeException e) {
                feedback.failed(action.label, e);
            }
            grid.deselectAll();
            refresh();
            showNextAt(index);
        }).open();
    }

    /**
     * After a decision: the item now at the decided one's place (the next one), or the one before it when the
     * decided item was the last.
     */
    private void showNextAt(Integer index) {
        Optional<QueueItem> next = index == null ? Optional.empty()
                : itemAt(index).or(() -> index > 0 ? itemAt(index - 1) : Optional.empty());
        showDetail(next.map(QueueItem::id).orElse(null));
    }

    private void next() {
        step(1);
    }

    private void previous() {
        step(-1);
    }

    private void step(int delta) {
        Integer index = current == null ? null : indexById.get(current.id());
        int target = index == null ? 0 : index + delta;
        if (target < 0 || target >= total) {
            return;
        }
        itemAt(target).ifPresent(item -> {
            grid.scrollToIndex(target);
            showDetail(item.id());
        });
    }

    /** The item at this place of the filtered queue, asked from core-server (the grid's rows may be stale). */
    private Optional<QueueItem> itemAt(int index) {
        try {
            List<QueueItem> items = queue.page(user, guild.id(), filter, index, 1).items();
            items.forEach(i -> indexById.put(i.id(), index));
            return items.stream().findFirst();
        } catch (RuntimeException e) {
            feedback.failed("Loading the next item", e);
            return Optional.empty();
        }
    }

    private void showSelectionCount() {
        int n = grid.getSelectedItems().size();
        selectedCount.setText(n == 0 ? "Bulk (check rows):" : n + " checked:");
        bulkButtons.values().forEach(b -> b.setEnabled(n > 0));
    }

    private String claimLabel(QueueItem i) {
        if (!i.pending()) {
            return i.resolution() == null ? "" : i.resolution();
        }
        if (i.claimedBy() == 0 || i.claimExpiresAt() == null || !i.claimExpiresAt().isAfter(Instant.now())) {
            return "";
        }
        return user != null && i.claimedBy() == user.userId() ? "you" : "another moderator";
    }

    private static Div coreDown() {
        return Notices.error("core-server cannot be reached", CORE_DOWN_WHAT_TO_DO);
    }
}
