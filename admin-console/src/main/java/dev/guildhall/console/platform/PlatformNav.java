package dev.guildhall.console.platform;

import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;

/** The platform admins' navigation entries (MainLayout shows them to platform admins only). */
public final class PlatformNav {

    private PlatformNav() {
    }

    public static void addTo(SideNav nav) {
        nav.addItem(new SideNavItem("Users", UserLookupView.class));
        nav.addItem(new SideNavItem("Guilds", GuildLookupView.class));
        nav.addItem(new SideNavItem("Staff roles", StaffRolesView.class));
        nav.addItem(new SideNavItem("Console audit log", ConsoleAuditView.class));
    }
}
