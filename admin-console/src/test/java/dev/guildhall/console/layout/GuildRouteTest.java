package dev.guildhall.console.layout;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import dev.guildhall.console.auth.ConsoleUser;
import dev.guildhall.console.auth.CoreUnavailableException;
import dev.guildhall.console.auth.GuildAccessDeniedException;
import dev.guildhall.console.auth.GuildSummary;
import dev.guildhall.console.layout.GuildRoute.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The guild part of a view's URL, with real Vaadin components and scopes/checks as lambdas. */
class GuildRouteTest {

    private static final ConsoleUser USER = new ConsoleUser("mod", 7, "token", Set.of());
    private static final GuildSummary A = new GuildSummary(100, "Alpha", true, "0");
    private static final GuildSummary B = new GuildSummary(200, "Beta", false, "8192");
    private static final GuildRoute.Texts TEXTS = new GuildRoute.Texts("start core-server", "You moderate no guild",
            "ask an owner", "pick one of yours");

    private final Select<GuildSummary> picker = new Select<>();
    private final Div notices = new Div();
    private final List<Long> forwards = new ArrayList<>();

    private GuildRoute route(GuildRoute.Scope scope, GuildRoute.Check check) {
        return new GuildRoute("test", picker, scope, check, TEXTS);
    }

    private Optional<GuildSummary> open(GuildRoute route, String param) {
        return route.open(USER, param, notices, forwards::add);
    }

    private String noticeId() {
        assertThat(notices.getComponentCount()).isEqualTo(1);
        return notices.getComponentAt(0).getId().orElseThrow();
    }

    private String noticeText() {
        Component notice = notices.getComponentAt(0);
        return notice.getElement().getTextRecursively();
    }

    private List<GuildSummary> pickerItems() {
        return picker.getListDataView().getItems().toList();
    }

    @Test
    void aGuildOfTheScopeOpensAndIsPicked() {
        Optional<GuildSummary> chosen = open(route(u -> List.of(A, B), null), " 200 ");
        assertThat(chosen).contains(B);
        assertThat(picker.getValue()).isEqualTo(B);
        assertThat(picker.isVisible()).isTrue();
        assertThat(pickerItems()).containsExactly(A, B);
        assertThat(notices.getComponentCount()).isZero();
        assertThat(forwards).isEmpty();
    }

    @Test
    void noGuildIdForwardsToTheFirstGuildOfTheScope() {
        assertThat(open(route(u -> List.of(B, A), null), null)).isEmpty();
        assertThat(open(route(u -> List.of(B, A), null), "  ")).isEmpty();
        assertThat(forwards).containsExactly(200L, 200L);
        assertThat(notices.getComponentCount()).isZero();
    }

    @Test
    void anotherGuildOrNoNumberIsNoAccessWithThePickerStillOffered() {
        for (String param : List.of("300", "abc", "-100", "1e3")) {
            notices.removeAll();
            picker.setValue(A);
            assertThat(open(route(u -> List.of(A, B), null), param)).as(param).isEmpty();
            assertThat(noticeId()).isEqualTo("no-access");
            assertThat(noticeText()).contains("Guild not found, or you have no access to it", "pick one of yours");
            assertThat(picker.getValue()).isNull();
            assertThat(picker.isVisible()).isTrue();
            assertThat(pickerItems()).containsExactly(A, B);
        }
        assertThat(forwards).isEmpty();
    }

    @Test
    void theViewsOwnCheckDecidesAndItsAnswerIsOpened() {
        GuildSummary checked = new GuildSummary(200, "Beta (checked)", false, "8192");
        GuildRoute route = route(u -> List.of(A, B), (u, id) -> {
            if (id == 100) {
                throw new GuildAccessDeniedException("not moderated");
            }
            return checked;
        });
        assertThat(open(route, "200")).contains(checked);
        assertThat(open(route, "100")).isEmpty();
        assertThat(noticeId()).isEqualTo("no-access");
        assertThat(route.resolve(USER, "100").kind()).isEqualTo(Kind.NO_ACCESS);
        assertThat(route.resolve(USER, "x").kind()).as("not a number: the check is not asked").isEqualTo(Kind.NO_ACCESS);
    }

    @Test
    void noGuildInTheScopeSaysWhatToDo() {
        picker.setVisible(true);
        assertThat(open(route(u -> List.of(), null), "100")).isEmpty();
        assertThat(noticeId()).isEqualTo("no-guilds");
        assertThat(noticeText()).contains("You moderate no guild", "ask an owner");
        assertThat(picker.isVisible()).isFalse();
        assertThat(forwards).isEmpty();
    }

    @Test
    void anUnreachableCoreServerIsAnErrorState() {
        GuildRoute.Scope down = u -> {
            throw new CoreUnavailableException("connection refused");
        };
        assertThat(open(route(down, null), "100")).isEmpty();
        assertThat(noticeId()).isEqualTo("error-state");
        assertThat(noticeText()).contains("core-server cannot be reached", "start core-server");
        assertThat(picker.isVisible()).isFalse();

        notices.removeAll();
        GuildRoute checkDown = route(u -> List.of(A), (u, id) -> {
            throw new CoreUnavailableException("timeout");
        });
        assertThat(open(checkDown, "100")).isEmpty();
        assertThat(noticeId()).isEqualTo("error-state");
        assertThat(forwards).isEmpty();
    }
}
