package dev.guildhall.console.moderation;

import static dev.guildhall.console.moderation.ActionFeedback.toast;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.guildhall.console.auth.ConsoleRole;
import dev.guildhall.console.auth.CoreRefusedException;
import dev.guildhall.console.auth.CoreUnavailableException;
import dev.guildhall.console.auth.CurrentUser;
import dev.guildhall.console.auth.GuildAccessDeniedException;
import dev.guildhall.console.auth.GuildPermissions;
import dev.guildhall.console.auth.GuildSummary;
import dev.guildhall.console.layout.GuildRoute;
import dev.guildhall.console.layout.MainLayout;
import dev.guildhall.console.layout.Notices;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A guild's moderation ({@code /moderation/<guild id>}): member lookup with timeout / kick / ban and a reason, and
 * the guild's audit log with filters and paging. Every read and action goes through {@link ModerationService},
 * which checks the guild scope and permission on the server and then calls core-server with the user's token.
 */
@Route(value = "moderation", layout = MainLayout.class)
@PageTitle("Moderation · Guildhall console")
@RolesAllowed({ConsoleRole.MODERATOR, ConsoleRole.TRUST_SAFETY, ConsoleRole.PLATFORM_ADMIN})
public class ModerationView extends VerticalLayout implements HasUrlParameter<String> {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Logger log = LoggerFactory.getLogger(ModerationView.class);
    private static final String CORE_DOWN_WHAT_TO_DO = "The console asks core-server which guilds you moderate and "
            + "sends your actions there. Check that core-server is running, then reload this page.";

    private final CurrentUser currentUser;
    private final ModerationService moderation;
    private final ActionFeedback feedback = new ActionFeedback("action-error",
            refused -> refused.code() == 50013 ? " (the member may rank above you, or be the owner)." : ".");

    private final Select<GuildSummary> guildPicker = new Select<>();
    private final GuildRoute route;
    private final VerticalLayout body = new VerticalLayout();

    private final TextField memberSearch = new TextField();
    private final Button findButton = new Button("Find");
    private final Grid<MemberMatch> members = new Grid<>();
    private final Span selected = new Span("Pick a member from the lookup.");
    private final TextField reason = ReasonFields.reason("action-reason");
    private final Select<TimeoutLength> timeoutLength = ReasonFields.timeoutLength("timeout-length");
    private final Button timeoutButton = new Button("Time out");
    private final Button kickButton = new Button("Kick");
    private final Button banButton = new Button("Ban");

    private final Select<Optional<AuditAction>> actionFilter = new Select<>();
    private final ComboBox<MemberMatch> userFilter = new ComboBox<>("By");
    private final Grid<AuditLogEntry> auditGrid = new Grid<>();
    private final Div auditState = new Div();
    private final Button newest = new Button("Newest");
    private final Button older = new Button("Older");

    private GuildSummary guild;
    private AuditLogQuery query = AuditLogQuery.newest();
    private AuditLogPage page;

    public ModerationView(CurrentUser currentUser, ModerationService moderation) {
        this.currentUser = currentUser;
        this.moderation = moderation;
        route = new GuildRoute("moderation", guildPicker, moderation::guilds, moderation::guild,
                ModeratorScope.texts("The moderation view", CORE_DOWN_WHAT_TO_DO));
        setSizeFull();

        guildPicker.setLabel("Guild");
        guildPicker.setWidth("22rem");
        guildPicker.setId("moderation-guild-picker");
        guildPicker.setItemLabelGenerator(GuildSummary::label);
        guildPicker.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                getUI().ifPresent(ui -> ui.navigate(ModerationView.class, Long.toString(e.getValue().id())));
            }
        });
        HorizontalLayout header = new HorizontalLayout(new H2("Moderation"), guildPicker);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        body.setPadding(false);
        body.setSizeFull();
        add(header, body);
        setFlexGrow(1, body);
        buildMembersPanel();
        buildAuditPanel();
    }

    private void buildMembersPanel() {
        memberSearch.setId("member-search");
        memberSearch.setPlaceholder("Username or nickname starts with…");
        memberSearch.setWidthFull();
        memberSearch.addKeyPressListener(Key.ENTER, e -> searchMembers(true));
        findButton.setId("member-search-button");
        findButton.addClickListener(e -> searchMembers(true));

        members.setId("members-grid");
        members.addThemeVariants(GridVariant.LUMO_COMPACT);
        members.addColumn(m -> m.nick() == null ? m.username() : m.nick() + " (" + m.username() + ")")
                .setHeader("Member").setKey("member").setFlexGrow(2);
        members.addColumn(m -> m.timedOutUntil() == null ? "" : "until " + TIME.format(m.timedOutUntil()))
                .setHeader("Timed out").setKey("timeout");
        members.setHeight("11rem");
        members.addSelectionListener(e -> showSelection());

        selected.setId("selected-member");
        timeoutButton.setId("timeout-button");
        timeoutButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        timeoutButton.addClickListener(e -> act("Timed out", member -> moderation.timeout(currentUser.require(),
                guild.id(), member.userId(), timeoutLength.getValue().length(), reason.getValue())));
        kickButton.setId("kick-button");
        kickButton.addThemeVariants(ButtonVariant.LUMO_ERROR);
        kickButton.addClickListener(e -> act("Kicked", member -> moderation.kick(currentUser.require(), guild.id(),
                member.userId(), reason.getValue())));
        banButton.setId("ban-button");
        banButton.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        banButton.addClickListener(e -> act("Banned", member -> moderation.ban(currentUser.require(), guild.id(),
                member.userId(), reason.getValue())));
    }

    private void buildAuditPanel() {
        actionFilter.setId("audit-action-filter");
        actionFilter.setLabel("Action");
        actionFilter.setItems(Stream.concat(Stream.of(Optional.<AuditAction>empty()),
                AuditAction.all().stream().map(Optional::of)).toList());
        actionFilter.setItemLabelGenerator(a -> a.map(AuditAction::label).orElse("All actions"));
        actionFilter.setValue(Optional.empty());
        actionFilter.addValueChangeListener(e -> applyFilters());
        userFilter.setId("audit-user-filter");
        userFilter.setPlaceholder("Anyone");
        userFilter.setClearButtonVisible(true);
        userFilter.setItemLabelGenerator(MemberMatch::label);
        userFilter.setItems(q -> {
            if (guild == null) {
                return Stream.empty();
            }
            try {
                return moderation.findMembers(currentUser.require(), guild.id(), q.getFilter().orElse(""))
                        .stream().skip(q.getOffset()).limit(q.getLimit());
            } catch (GuildAccessDeniedException | CoreRefusedException | CoreUnavailableException e) {
                log.info("event=member_filter_failed guild={} error={}", guild.id(), e.toString());
                return Stream.empty();
            }
        });
        userFilter.addValueChangeListener(e -> applyFilters());

        auditGrid.setId("audit-grid");
        auditGrid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        auditGrid.addColumn(a -> TIME.format(a.at())).setHeader("Time (UTC)").setKey("time").setAutoWidth(true)
                .setFlexGrow(0);
        auditGrid.addColumn(AuditLogEntry::action).setHeader("Action").setKey("action").setAutoWidth(true)
                .setFlexGrow(0);
        auditGrid.addColumn(AuditLogEntry::actor).setHeader("By").setKey("by").setFlexGrow(1)
                .setTooltipGenerator(AuditLogEntry::actor);
        auditGrid.addColumn(AuditLogEntry::target).setHeader("Target").setKey("target").setFlexGrow(1)
                .setTooltipGenerator(AuditLogEntry::target);
        auditGrid.addColumn(AuditLogEntry::reason).setHeader("Reason").setKey("reason").setFlexGrow(2)
                .setTooltipGenerator(AuditLogEntry::reason);
        // the changes open under the row on click, so the columns fit 1280 px
        auditGrid.setItemDetailsRenderer(new ComponentRenderer<>(a -> {
            Span changes = new Span(a.changes().isEmpty() ? "No field changes recorded." : a.changes());
            changes.addClassName("audit-changes");
            changes.getStyle().set("font-size", "var(--lumo-font-size-s)").set("white-space", "normal");
            return changes;
        }));
        auditGrid.setSizeFull();
        auditState.setId("audit-state");
        newest.setId("audit-newest");
        newest.addClickListener(e -> {
            query = query.withFilters(query.actionType(), query.userId());
            loadAuditLog();
        });
        older.setId("audit-older");
        older.addClickListener(e -> {
            if (page != null && !page.entries().isEmpty()) {
                query = query.olderThan(page.oldestId());
                loadAuditLog();
            }
        });
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter String guildParam) {
        guild = null;
        page = null;
        body.removeAll();
        Optional<GuildSummary> chosen = route.open(currentUser.require(), guildParam, body,
                id -> event.forwardTo(ModerationView.class, Long.toString(id)));
        if (chosen.isEmpty()) {
            return;
        }
        guild = chosen.get();
        members.setItems(List.of());
        memberSearch.clear();
        reason.clear();
        actionFilter.setValue(Optional.empty());
        userFilter.clear();
        query = AuditLogQuery.newest();
        showSelection();
        body.add(layoutFor(guild));
        loadAuditLog();
    }

    private HorizontalLayout layoutFor(GuildSummary g) {
        HorizontalLayout actionButtons = new HorizontalLayout(timeoutButton, kickButton, banButton);
        actionButtons.setSpacing(true);
        Span permissions = new Span(permissionSummary(g));
        permissions.getStyle().set("color", "var(--lumo-secondary-text-color)")
                .set("font-size", "var(--lumo-font-size-s)");
        VerticalLayout left = new VerticalLayout(new H3("Members"),
                new HorizontalLayout(memberSearch, findButton),
                members, selected, reason, timeoutLength, actionButtons, permissions);
        left.setPadding(false);
        left.setWidth("21rem");
        left.setMinWidth("21rem");

        HorizontalLayout filters = new HorizontalLayout(actionFilter, userFilter, newest, older);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.getStyle().set("flex-wrap", "wrap");
        VerticalLayout right = new VerticalLayout(new H3("Audit log"), filters, auditState, auditGrid);
        right.setPadding(false);
        right.setSizeFull();
        right.setMinWidth("0"); // lets the grid scroll inside the panel instead of widening the page
        right.setFlexGrow(1, auditGrid);

        HorizontalLayout panels = new HorizontalLayout(left, right);
        panels.setSizeFull();
        panels.setFlexGrow(1, right);
        return panels;
    }

    private static String permissionSummary(GuildSummary g) {
        StringBuilder can = new StringBuilder("Your permissions here: ");
        can.append(g.can(GuildPermissions.MODERATE_MEMBERS) ? "timeout ✓" : "timeout ✗");
        can.append(g.can(GuildPermissions.KICK_MEMBERS) ? ", kick ✓" : ", kick ✗");
        can.append(g.can(GuildPermissions.BAN_MEMBERS) ? ", ban ✓" : ", ban ✗");
        can.append(g.can(GuildPermissions.VIEW_AUDIT_LOG) ? ", audit log ✓" : ", audit log ✗");
        return can.toString();
    }

    /** Looks members up; {@code sayWhenNone}: tell the user when nobody matches. */
    private void searchMembers(boolean sayWhenNone) {
        if (guild == null) {
            return;
        }
        try {
            List<MemberMatch> found = moderation.findMembers(currentUser.require(), guild.id(),
                    memberSearch.getValue());
            members.setItems(found);
            if (found.isEmpty() && sayWhenNone) {
                toast("search-empty", "No member's name starts with \"" + memberSearch.getValue()
                        + "\". Try fewer letters.", false);
            }
        } catch (RuntimeException e) {
            feedback.failed("Member lookup", e);
        }
    }

    private void showSelection() {
        Optional<MemberMatch> member = members.getSelectedItems().stream().findFirst();
        selected.setText(member.map(m -> "Selected: " + m.label()).orElse("Pick a member from the lookup."));
        boolean any = member.isPresent() && guild != null;
        timeoutButton.setEnabled(any && guild.can(GuildPermissions.MODERATE_MEMBERS));
        kickButton.setEnabled(any && guild.can(GuildPermissions.KICK_MEMBERS));
        banButton.setEnabled(any && guild.can(GuildPermissions.BAN_MEMBERS));
    }

    private interface MemberAction {
        void run(MemberMatch member);
    }

    private void act(String done, MemberAction action) {
        Optional<MemberMatch> member = members.getSelectedItems().stream().findFirst();
        if (guild == null || member.isEmpty()) {
            return;
        }
        try {
            action.run(member.get());
            toast("action-done", done + " " + member.get().label() + ".", false);
            reason.clear();
            searchMembers(false);
            query = query.withFilters(query.actionType(), query.userId());
            loadAuditLog();
        } catch (RuntimeException e) {
            feedback.failed(done, e);
        }
    }

    private void applyFilters() {
        if (guild == null) {
            return;
        }
        Integer type = actionFilter.getValue() == null ? null
                : actionFilter.getValue().map(AuditAction::type).orElse(null);
        Long userId = userFilter.getValue() == null ? null : userFilter.getValue().userId();
        query = query.withFilters(type, userId);
        loadAuditLog();
    }

    private void loadAuditLog() {
        auditState.removeAll();
        try {
            page = moderation.auditLog(currentUser.require(), guild.id(), query);
        } catch (GuildAccessDeniedException | CoreRefusedException e) {
            page = null;
            auditGrid.setVisible(false);
            older.setEnabled(false);
            auditState.add(Notices.notice("audit-no-access", "You cannot read this guild's audit log",
                    "Reading it needs the View Audit Log permission in this guild. Ask the server owner for it; "
                            + "member actions still work with the permissions you have."));
            return;
        } catch (CoreUnavailableException e) {
            page = null;
            auditGrid.setVisible(false);
            auditState.add(coreDown());
            return;
        }
        auditGrid.setVisible(!page.entries().isEmpty());
        auditGrid.setItems(page.entries());
        older.setEnabled(page.mayHaveOlder());
        newest.setEnabled(query.before() != null);
        if (page.entries().isEmpty()) {
            auditState.add(Notices.notice("audit-empty", query.before() != null ? "No older entries"
                    : "No audit log entries match", query.actionType() != null || query.userId() != null
                    ? "Clear the Action or By filter to see more entries."
                    : "Moderator actions (timeouts, kicks, bans, role changes) appear here as soon as they happen."));
        }
    }

    private static Div coreDown() {
        return Notices.error("core-server cannot be reached", CORE_DOWN_WHAT_TO_DO);
    }
}
