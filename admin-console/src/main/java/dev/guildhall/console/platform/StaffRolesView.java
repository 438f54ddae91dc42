package dev.guildhall.console.platform;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.guildhall.console.auth.ConsoleRole;
import dev.guildhall.console.auth.CurrentUser;
import dev.guildhall.console.layout.MainLayout;
import dev.guildhall.console.layout.Notices;
import jakarta.annotation.security.RolesAllowed;

/**
 * Every held staff role ({@code /admin/staff}), who granted it, when and why, with revoke (reason and confirmation).
 * Roles are granted from the user lookup.
 */
@Route(value = "admin/staff", layout = MainLayout.class)
@PageTitle("Staff roles · Guildhall console")
@RolesAllowed(ConsoleRole.PLATFORM_ADMIN)
public class StaffRolesView extends VerticalLayout implements BeforeEnterObserver {

    private final CurrentUser currentUser;
    private final PlatformAdminService admin;
    private final Div state = new Div();
    private final Grid<StaffGrant> grid = new Grid<>(StaffGrant.class, false);

    public StaffRolesView(CurrentUser currentUser, PlatformAdminService admin) {
        this.currentUser = currentUser;
        this.admin = admin;
        setSizeFull();
        state.setId("staff-state");
        grid.setId("staff-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(StaffGrant::username).setHeader("User").setAutoWidth(true);
        grid.addColumn(StaffGrant::role).setHeader("Role").setAutoWidth(true);
        grid.addColumn(g -> g.grantedBy() == null ? "configuration" : g.grantedBy()).setHeader("Granted by")
                .setAutoWidth(true);
        grid.addColumn(g -> Times.format(g.grantedAt())).setHeader("Granted (UTC)").setAutoWidth(true);
        grid.addColumn(g -> g.reason() == null ? "" : g.reason()).setHeader("Reason").setFlexGrow(1);
        grid.addComponentColumn(g -> {
            Button revoke = new Button("Revoke", e -> new StaffRoleDialog(false, g.role(), g.username(),
                    reason -> revoke(g, reason)).open());
            revoke.setId("revoke-" + g.username() + "-" + g.role());
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            return revoke;
        }).setHeader("").setAutoWidth(true);
        add(new H2("Staff roles"), new Paragraph("Grant roles from Users. Roles that core-server's configuration "
                + "grants (granted by \"configuration\") can only be removed there."), state, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        load();
    }

    private void load() {
        GridResults.show(state, grid, "Staff roles could not be loaded", () -> admin.staff(currentUser.require()),
                () -> Notices.notice("staff-empty", "Nobody holds a staff role",
                        "Look a user up in Users and grant them a role."));
    }

    private void revoke(StaffGrant grant, String reason) {
        try {
            admin.revoke(currentUser.require(), grant.userId(), grant.role(), reason);
            PlatformErrors.done("Revoked " + grant.role() + " from " + grant.username());
        } catch (RuntimeException e) {
            PlatformErrors.show(e);
        }
        load();
    }
}
