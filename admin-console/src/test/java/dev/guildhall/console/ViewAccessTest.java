package dev.guildhall.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import dev.guildhall.console.auth.ConsoleRole;
import dev.guildhall.console.auth.ConsoleUser;
import dev.guildhall.console.auth.LoginView;
import dev.guildhall.console.insights.InsightsView;
import dev.guildhall.console.insights.MessagesView;
import dev.guildhall.console.layout.HomeView;
import dev.guildhall.console.moderation.ModerationView;
import dev.guildhall.console.platform.ConsoleAuditView;
import dev.guildhall.console.platform.GuildLookupView;
import dev.guildhall.console.platform.StaffRolesView;
import dev.guildhall.console.platform.UserLookupView;
import dev.guildhall.console.rules.AutoModView;
import dev.guildhall.console.reviewqueue.ReviewQueueView;
import dev.guildhall.console.voice.VoiceQualityView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * Every view × console role through Vaadin's own access checker (the one its router runs on the server for each
 * navigation). Fails when a view has no row here. Which guilds a view then shows is checked by the services
 * (ModerationAuthorizationIT, PlatformAdminAuthorizationIT) and in the browser (ConsoleBrowserIT).
 */
class ViewAccessTest {

    /** Anonymous visitor, signed in without any role, and each console role alone. */
    private static final List<String> ROLES = List.of("ANONYMOUS", "NONE", ConsoleRole.OWNER, ConsoleRole.MODERATOR,
            ConsoleRole.SRE, ConsoleRole.PLATFORM_ADMIN, ConsoleRole.TRUST_SAFETY);

    private static final Map<Class<?>, Set<String>> ALLOWED = new LinkedHashMap<>();

    static {
        ALLOWED.put(LoginView.class, Set.copyOf(ROLES));
        ALLOWED.put(HomeView.class, Set.of("NONE", ConsoleRole.OWNER, ConsoleRole.MODERATOR, ConsoleRole.SRE,
                ConsoleRole.PLATFORM_ADMIN, ConsoleRole.TRUST_SAFETY));
        ALLOWED.put(MessagesView.class, Set.of(ConsoleRole.OWNER));
        ALLOWED.put(InsightsView.class, Set.of(ConsoleRole.OWNER));
        ALLOWED.put(ModerationView.class, Set.of(ConsoleRole.MODERATOR, ConsoleRole.PLATFORM_ADMIN,
                ConsoleRole.TRUST_SAFETY));
        ALLOWED.put(AutoModView.class, Set.of(ConsoleRole.OWNER, ConsoleRole.MODERATOR));
        ALLOWED.put(ReviewQueueView.class, Set.of(ConsoleRole.MODERATOR, ConsoleRole.PLATFORM_ADMIN,
                ConsoleRole.TRUST_SAFETY));
        ALLOWED.put(VoiceQualityView.class, Set.of(ConsoleRole.SRE, ConsoleRole.PLATFORM_ADMIN));
        ALLOWED.put(UserLookupView.class, Set.of(ConsoleRole.PLATFORM_ADMIN));
        ALLOWED.put(GuildLookupView.class, Set.of(ConsoleRole.PLATFORM_ADMIN));
        ALLOWED.put(StaffRolesView.class, Set.of(ConsoleRole.PLATFORM_ADMIN));
        ALLOWED.put(ConsoleAuditView.class, Set.of(ConsoleRole.PLATFORM_ADMIN));
    }

    @Test
    void everyRoutedViewHasARow() throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        Set<String> routed = new TreeSet<>();
        for (BeanDefinition bean : scanner.findCandidateComponents("dev.guildhall.console")) {
            routed.add(bean.getBeanClassName());
        }
        Set<String> listed = new TreeSet<>();
        ALLOWED.keySet().forEach(c -> listed.add(c.getName()));
        assertThat(listed).isEqualTo(routed);
    }

    @Test
    void eachViewOpensForExactlyItsRoles() {
        AccessAnnotationChecker checker = new AccessAnnotationChecker();
        for (var row : ALLOWED.entrySet()) {
            for (String role : ROLES) {
                ConsoleUser user = role.equals("ANONYMOUS") ? null
                        : new ConsoleUser("u", 1, "t", role.equals("NONE") ? Set.of() : Set.of(role));
                boolean access = checker.hasAccess(row.getKey(), user,
                        r -> user != null && user.hasRole(r));
                assertThat(access).as(row.getKey().getSimpleName() + " × " + role)
                        .isEqualTo(row.getValue().contains(role));
            }
        }
    }
}
