package dev.guildhall.console.platform;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.guildhall.console.auth.ConsoleRole;
import dev.guildhall.console.auth.CurrentUser;
import dev.guildhall.console.layout.MainLayout;
import dev.guildhall.console.layout.Notices;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;

/**
 * The console audit log ({@code /admin/audit}): staff-role changes and every state-changing request the console
 * made, newest first, filtered by actor and action, paged with Newer / Older.
 */
@Route(value = "admin/audit", layout = MainLayout.class)
@PageTitle("Console audit log · Guildhall console")
@RolesAllowed(ConsoleRole.PLATFORM_ADMIN)
public class ConsoleAuditView extends VerticalLayout implements BeforeEnterObserver {

    /** Actions offered in the filter; others (routes, e.g. "PUT /guilds/{guild_id}/bans/{user_id}") can be typed. */
    static final List<String> ACTIONS = List.of("staff_role.grant", "staff_role.revoke");

    private final CurrentUser currentUser;
    private final PlatformAdminService admin;
    private final TextField actor = new TextField("Actor");
    private final ComboBox<String> action = new ComboBox<>("Action");
    private final Div state = new Div();
    private final Grid<ConsoleAuditEntry> grid = new Grid<>(ConsoleAuditEntry.class, false);
    private final Button newer = new Button("Newer");
    private final Button older = new Button("Older");
    private final Span pageInfo = new Span();
    /** Cursors of the pages before the shown one (null = the newest page). */
    private final List<Long> previous = new ArrayList<>();
    private Long current;
    private Long next;

    public ConsoleAuditView(CurrentUser currentUser, PlatformAdminService admin) {
        this.currentUser = currentUser;
        this.admin = admin;
        setSizeFull();
        actor.setId("audit-actor");
        actor.setPlaceholder("username or id");
        actor.setClearButtonVisible(true);
        actor.addKeyPressListener(Key.ENTER, e -> first());
        action.setId("audit-action");
        action.setItems(ACTIONS);
        action.setAllowCustomValue(true);
        action.addCustomValueSetListener(e -> action.setValue(e.getDetail()));
        action.setClearButtonVisible(true);
        action.setWidth("22rem");
        Button apply = new Button("Apply", e -> first());
        apply.setId("audit-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout filters = new HorizontalLayout(actor, action, apply);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);

        state.setId("audit-state");
        grid.setId("audit-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(e -> Times.format(e.at())).setHeader("When (UTC)").setAutoWidth(true);
        grid.addColumn(e -> e.actor() == null ? "configuration" : e.actor()).setHeader("Actor").setAutoWidth(true);
        grid.addColumn(ConsoleAuditEntry::action).setHeader("Action").setAutoWidth(true);
        grid.addColumn(e -> e.detail() == null ? "" : e.detail()).setHeader("Role").setAutoWidth(true);
        grid.addColumn(e -> e.target() == null ? "" : e.target()).setHeader("Target").setAutoWidth(true);
        grid.addColumn(e -> e.reason() == null ? "" : e.reason()).setHeader("Reason").setAutoWidth(true);
        grid.addColumn(ConsoleAuditEntry::status).setHeader("Status");
        grid.addColumn(e -> e.guildId() == null ? "" : Long.toString(e.guildId())).setHeader("Guild")
                .setAutoWidth(true);
        grid.addColumn(e -> e.viaConsole() ? "console" : "API").setHeader("Via");
        grid.setHeight("28rem");

        newer.setId("audit-newer");
        newer.addClickListener(e -> {
            current = previous.remove(previous.size() - 1);
            load();
        });
        older.setId("audit-older");
        older.addClickListener(e -> {
            previous.add(current);
            current = next;
            load();
        });
        pageInfo.setId("audit-page");
        HorizontalLayout paging = new HorizontalLayout(newer, older, pageInfo);
        paging.setAlignItems(FlexComponent.Alignment.CENTER);
        add(new H2("Console audit log"), filters, state, grid, paging);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        first();
    }

    private void first() {
        previous.clear();
        current = null;
        load();
    }

    private void load() {
        state.removeAll();
        ConsoleAuditPage page;
        try {
            page = admin.auditLog(currentUser.require(), actor.getValue(), action.getValue(), current);
        } catch (RuntimeException e) {
            String what = PlatformErrors.describe(e);
            if (what == null) {
                throw e;
            }
            grid.setVisible(false);
            newer.setEnabled(false);
            older.setEnabled(false);
            state.add(Notices.error("The console audit log could not be loaded", what));
            return;
        }
        next = page.nextBefore();
        grid.setItems(page.entries());
        grid.setVisible(!page.entries().isEmpty());
        newer.setEnabled(!previous.isEmpty());
        older.setEnabled(next != null);
        pageInfo.setText("Page " + (previous.size() + 1) + " · " + page.entries().size() + " entries");
        if (page.entries().isEmpty()) {
            boolean filtered = !actor.getValue().isBlank()
                    || (action.getValue() != null && !action.getValue().isBlank());
            state.add(Notices.notice("audit-empty", "No entries" + (filtered ? " match these filters" : " yet"),
                    filtered ? "Clear the actor or action filter, or check the username."
                            : "Staff-role changes and the console's actions on guilds show here as they happen."));
        }
    }
}
