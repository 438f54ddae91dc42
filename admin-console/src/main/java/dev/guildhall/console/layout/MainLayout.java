package dev.guildhall.console.layout;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.guildhall.console.auth.ConsoleRole;
import dev.guildhall.console.auth.CurrentUser;
import dev.guildhall.console.insights.InsightsView;
import dev.guildhall.console.insights.MessagesView;
import dev.guildhall.console.moderation.ModerationView;
import dev.guildhall.console.platform.PlatformNav;
import dev.guildhall.console.rules.AutoModView;
import dev.guildhall.console.reviewqueue.ReviewQueueView;
import dev.guildhall.console.voice.VoiceQualityView;

/** Navigation shows only the views the signed-in user may open (each view checks again on the server). */
@AnonymousAllowed
public class MainLayout extends AppLayout {

    public MainLayout(CurrentUser currentUser) {
        H2 title = new H2("Guildhall console");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");

        HorizontalLayout bar = new HorizontalLayout();
        bar.setWidthFull();
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.setPadding(true);
        bar.add(new DrawerToggle(), title);

        SideNav nav = new SideNav();
        currentUser.get().ifPresent(user -> {
            if (user.hasRole(ConsoleRole.OWNER)) {
                nav.addItem(new SideNavItem("Messages", MessagesView.class));
                nav.addItem(new SideNavItem("Insights", InsightsView.class));
            }
            if (user.hasRole(ConsoleRole.MODERATOR) || user.hasRole(ConsoleRole.TRUST_SAFETY)
                    || user.hasRole(ConsoleRole.PLATFORM_ADMIN)) {
                nav.addItem(new SideNavItem("Moderation", ModerationView.class));
                nav.addItem(new SideNavItem("Review queue", ReviewQueueView.class));
            }
            if (user.hasRole(ConsoleRole.OWNER) || user.hasRole(ConsoleRole.MODERATOR)) {
                nav.addItem(new SideNavItem("AutoMod rules", AutoModView.class));
            }
            if (user.hasRole(ConsoleRole.SRE) || user.hasRole(ConsoleRole.PLATFORM_ADMIN)) {
                nav.addItem(new SideNavItem("Voice quality", VoiceQualityView.class));
            }
            if (user.hasRole(ConsoleRole.PLATFORM_ADMIN)) {
                PlatformNav.addTo(nav);
            }
            Span who = new Span(user.getName());
            who.setId("signed-in-user");
            Button logout = new Button("Sign out", e -> currentUser.logout());
            logout.setId("sign-out");
            logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            HorizontalLayout right = new HorizontalLayout(who, logout);
            right.setAlignItems(FlexComponent.Alignment.CENTER);
            right.getStyle().set("margin-left", "auto");
            bar.add(right);
        });
        addToNavbar(bar);
        addToDrawer(nav);
        setPrimarySection(Section.NAVBAR);
    }
}
