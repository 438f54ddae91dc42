package dev.guildhall.console.platform;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.guildhall.console.auth.ConsoleRole;
import dev.guildhall.console.auth.CurrentUser;
import dev.guildhall.console.layout.MainLayout;
import dev.guildhall.console.layout.Notices;
import jakarta.annotation.security.RolesAllowed;

/** Platform admins look a guild up by name or id ({@code /admin/guilds}): owner, members, channels, created. */
@Route(value = "admin/guilds", layout = MainLayout.class)
@PageTitle("Guilds · Guildhall console")
@RolesAllowed(ConsoleRole.PLATFORM_ADMIN)
public class GuildLookupView extends VerticalLayout {

    private final CurrentUser currentUser;
    private final PlatformAdminService admin;
    private final TextField query = new TextField();
    private final Div state = new Div();
    private final Grid<GuildRecord> grid = new Grid<>(GuildRecord.class, false);

    public GuildLookupView(CurrentUser currentUser, PlatformAdminService admin) {
        this.currentUser = currentUser;
        this.admin = admin;
        setSizeFull();
        query.setId("guild-query");
        query.setPlaceholder("part of a guild name, or guild id");
        query.setWidth("24rem");
        query.setClearButtonVisible(true);
        query.addKeyPressListener(Key.ENTER, e -> search());
        Button search = new Button("Search", e -> search());
        search.setId("guild-search");
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout bar = new HorizontalLayout(query, search);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        state.setId("guild-state");
        grid.setId("guild-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(GuildRecord::name).setHeader("Guild").setAutoWidth(true);
        grid.addColumn(g -> Long.toString(g.id())).setHeader("Guild id").setAutoWidth(true);
        grid.addColumn(g -> g.ownerName() + " (" + g.ownerId() + ")").setHeader("Owner").setAutoWidth(true);
        grid.addColumn(GuildRecord::memberCount).setHeader("Members");
        grid.addColumn(GuildRecord::channelCount).setHeader("Channels");
        grid.addColumn(g -> Times.format(g.createdAt())).setHeader("Created (UTC)").setAutoWidth(true);
        grid.setVisible(false);
        add(new H2("Guild lookup"), bar, state, grid);
        state.add(Notices.notice("guild-hint", "Find a guild",
                "Type part of a guild's name or its id and press Enter."));
    }

    private void search() {
        String text = query.getValue().strip();
        GridResults.show(state, grid, "The lookup failed", () -> admin.findGuilds(currentUser.require(), text),
                () -> Notices.notice("guild-none", "No guild matches \"" + text + "\"",
                        "Names match anywhere, ignoring case. Try a shorter part of the name, or the guild id."));
    }
}
