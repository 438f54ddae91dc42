package dev.guildhall.console.platform;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.guildhall.console.auth.ConsoleRole;
import dev.guildhall.console.auth.CurrentUser;
import dev.guildhall.console.layout.MainLayout;
import dev.guildhall.console.layout.Notices;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/**
 * Platform admins look a user up by username or id ({@code /admin/users}) and grant or revoke their staff roles,
 * each with a reason and a confirmation. Reads and changes go through {@link PlatformAdminService}.
 */
@Route(value = "admin/users", layout = MainLayout.class)
@PageTitle("Users · Guildhall console")
@RolesAllowed(ConsoleRole.PLATFORM_ADMIN)
public class UserLookupView extends VerticalLayout {

    private final CurrentUser currentUser;
    private final PlatformAdminService admin;
    private final TextField query = new TextField();
    private final Div state = new Div();
    private final Grid<UserRecord> grid = new Grid<>(UserRecord.class, false);
    private final VerticalLayout detail = new VerticalLayout();

    public UserLookupView(CurrentUser currentUser, PlatformAdminService admin) {
        this.currentUser = currentUser;
        this.admin = admin;
        setSizeFull();
        query.setId("user-query");
        query.setPlaceholder("username (start of it) or user id");
        query.setWidth("24rem");
        query.setClearButtonVisible(true);
        query.addKeyPressListener(Key.ENTER, e -> search(null));
        Button search = new Button("Search", e -> search(null));
        search.setId("user-search");
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout bar = new HorizontalLayout(query, search);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);

        state.setId("user-state");
        grid.setId("user-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(UserRecord::username).setHeader("Username").setAutoWidth(true);
        grid.addColumn(u -> Long.toString(u.id())).setHeader("User id").setAutoWidth(true);
        grid.addColumn(u -> Times.format(u.createdAt())).setHeader("Created (UTC)").setAutoWidth(true);
        grid.addColumn(UserRecord::guildsOwned).setHeader("Guilds owned");
        grid.addColumn(UserRecord::guildsJoined).setHeader("Guilds joined");
        grid.addColumn(u -> u.activeTokens() == 0 ? "all revoked" : Long.toString(u.activeTokens()))
                .setHeader("Active tokens");
        grid.addColumn(u -> u.staffRoles().isEmpty() ? "—" : String.join(", ", u.staffRoles()))
                .setHeader("Staff roles").setAutoWidth(true);
        grid.setVisible(false);
        grid.setHeight("18rem");
        grid.addSelectionListener(e -> showDetail(e.getFirstSelectedItem().orElse(null)));
        detail.setId("user-detail");
        detail.setPadding(false);
        detail.setVisible(false);

        add(new H2("User lookup"), bar, state, grid, detail);
        state.add(Notices.notice("user-hint", "Find a user",
                "Type the start of a username or a user id and press Enter. Select a user to see and change their "
                        + "staff roles."));
    }

    /** Runs the lookup; {@code keep} (may be null) is the user to select again after a change. */
    private void search(Long keep) {
        detail.setVisible(false);
        String text = query.getValue().strip();
        List<UserRecord> users = GridResults.show(state, grid, "The lookup failed",
                () -> admin.findUsers(currentUser.require(), text),
                () -> Notices.notice("user-none", "No user matches \"" + text + "\"",
                        "Usernames match from their start, ignoring case. Check the spelling or search by user id."));
        if (keep != null) {
            users.stream().filter(u -> u.id() == keep).findFirst().ifPresent(grid::select);
        } else if (users.size() == 1) {
            grid.select(users.get(0));
        }
    }

    private void showDetail(UserRecord user) {
        detail.removeAll();
        detail.setVisible(user != null);
        if (user == null) {
            return;
        }
        H3 title = new H3(user.username() + (user.bot() ? " (bot)" : ""));
        Paragraph facts = new Paragraph("Id " + user.id() + " · created " + Times.format(user.createdAt())
                + " UTC · owns " + user.guildsOwned() + " · member of " + user.guildsJoined() + " · "
                + (user.activeTokens() == 0 ? "signed out everywhere" : user.activeTokens() + " active tokens"));
        Paragraph roles = new Paragraph("Staff roles: "
                + (user.staffRoles().isEmpty() ? "none" : String.join(", ", user.staffRoles())));
        roles.setId("user-roles");
        detail.add(title, facts, roles);
        if (user.bot()) {
            detail.add(new Paragraph("Bots cannot hold staff roles."));
            return;
        }
        HorizontalLayout actions = new HorizontalLayout();
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);
        for (String held : user.staffRoles()) {
            Button revoke = new Button("Revoke " + held, e -> new StaffRoleDialog(false, held, user.username(),
                    reason -> change(false, user, held, reason)).open());
            revoke.setId("revoke-" + held);
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR);
            actions.add(revoke);
        }
        List<String> grantable = PlatformAdminService.STAFF_ROLES.stream()
                .filter(r -> !user.staffRoles().contains(r)).toList();
        if (!grantable.isEmpty()) {
            Select<String> role = new Select<>();
            role.setId("grant-role");
            role.setLabel("Grant a staff role");
            role.setItems(grantable);
            role.setValue(grantable.get(0));
            Button grant = new Button("Grant…", e -> new StaffRoleDialog(true, role.getValue(), user.username(),
                    reason -> change(true, user, role.getValue(), reason)).open());
            grant.setId("grant-open");
            grant.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            actions.add(role, grant);
        }
        detail.add(actions);
    }

    private void change(boolean grant, UserRecord user, String role, String reason) {
        try {
            if (grant) {
                admin.grant(currentUser.require(), user.id(), role, reason);
            } else {
                admin.revoke(currentUser.require(), user.id(), role, reason);
            }
            PlatformErrors.done((grant ? "Granted " : "Revoked ") + role + (grant ? " to " : " from ")
                    + user.username());
        } catch (RuntimeException e) {
            PlatformErrors.show(e);
        }
        search(user.id());
    }
}
