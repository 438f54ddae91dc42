package dev.guildhall.console.insights;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.guildhall.console.auth.ConsoleRole;
import dev.guildhall.console.auth.ConsoleUser;
import dev.guildhall.console.auth.CoreUnavailableException;
import dev.guildhall.console.auth.CurrentUser;
import dev.guildhall.console.auth.GuildAccessDeniedException;
import dev.guildhall.console.auth.GuildSummary;
import dev.guildhall.console.charts.CategoryChartOption;
import dev.guildhall.console.charts.CategoryChartOption.Kind;
import dev.guildhall.console.charts.HeatmapOption;
import dev.guildhall.console.config.ConsoleProperties;
import dev.guildhall.console.layout.AutoRefresh;
import dev.guildhall.console.layout.GuildRoute;
import dev.guildhall.console.layout.MainLayout;
import dev.guildhall.console.layout.Notices;
import dev.guildhall.warehouse.queries.DayCount;
import dev.guildhall.warehouse.queries.HourOfWeekCount;
import dev.guildhall.warehouse.queries.MemberDay;
import dev.guildhall.warehouse.queries.WeekCount;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server owner's insights for one guild they own ({@code /insights/<guild id>?from=yyyy-MM-dd&to=yyyy-MM-dd}):
 * members, messages per day and channel, active users, retention cohorts and busiest hours, each with a CSV
 * download. Ownership is checked on the server before every read, at every refresh and every download.
 */
@Route(value = "insights", layout = MainLayout.class)
@PageTitle("Insights · Guildhall console")
@RolesAllowed(ConsoleRole.OWNER)
public class InsightsView extends VerticalLayout implements HasUrlParameter<String> {

    static final int DEFAULT_DAYS = 30;
    private static final Logger log = LoggerFactory.getLogger(InsightsView.class);

    private final CurrentUser currentUser;
    private final OwnerInsights insights;

    private final Select<GuildSummary> guildPicker = new Select<>();
    private final GuildRoute route;
    private final DatePicker fromPicker = new DatePicker("First day (UTC)");
    private final DatePicker toPicker = new DatePicker("Last day (UTC)");
    private final Button apply = new Button("Show");
    private final Div errors = new Div();
    private final VerticalLayout body = new VerticalLayout();
    private final Span summary = new Span();
    private final Map<String, InsightsSection> sections = new LinkedHashMap<>();

    private ConsoleUser user;
    private GuildSummary guild;
    private DateRange range;

    public InsightsView(CurrentUser currentUser, OwnerInsights insights, ConsoleProperties properties) {
        this.currentUser = currentUser;
        this.insights = insights;
        route = new GuildRoute("insights", guildPicker, insights::guilds, null, GuildRoute.Texts.OWNED_GUILDS);
        setWidthFull();

        guildPicker.setLabel("Guild");
        guildPicker.setWidth("20rem");
        guildPicker.setId("insights-guild-picker");
        guildPicker.setItemLabelGenerator(GuildSummary::label);
        guildPicker.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                open(e.getValue().id(), range);
            }
        });
        DatePicker.DatePickerI18n iso = new DatePicker.DatePickerI18n().setDateFormat("yyyy-MM-dd");
        for (DatePicker picker : List.of(fromPicker, toPicker)) {
            picker.setI18n(iso);
            picker.setWidth("10rem");
        }
        fromPicker.setId("range-from");
        toPicker.setId("range-to");
        apply.setId("range-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.addClickListener(e -> applyRange());
        summary.setId("insights-summary");
        errors.setId("insights-errors");
        body.setPadding(false);
        body.setWidthFull();

        InsightsSection.CsvWriter stillOwned = shown -> insights.csv(user, guild.id(), shown);
        section("Members: joins, leaves and growth", "members", true, stillOwned);
        section("Messages per day", "messages-per-day", true, stillOwned);
        section("Messages per channel", "messages-per-channel", true, stillOwned);
        section("Daily active users", "daily-active-users", true, stillOwned);
        section("Weekly active users", "weekly-active-users", false, stillOwned);
        section("New-member retention (posted again after 1, 7, 30 days)", "retention", false, stillOwned);
        section("Busiest hours (UTC)", "busiest-hours", true, stillOwned);
        section("Voice minutes per day", "voice-minutes-per-day", true, stillOwned);
        section("Voice minutes per channel", "voice-minutes-per-channel", true, stillOwned);
        body.add(summary);
        body.add(sections.values().toArray(InsightsSection[]::new));

        HorizontalLayout header = new HorizontalLayout(new H2("Insights"), guildPicker, fromPicker, toPicker, apply);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.getStyle().set("flex-wrap", "wrap");
        add(header, errors, body);
        AutoRefresh.install(this, properties.refreshInterval(), this::refresh);
    }

    private void section(String title, String tableId, boolean chart, InsightsSection.CsvWriter csv) {
        sections.put(tableId, new InsightsSection(title, tableId, chart, csv));
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter String guildParam) {
        guild = null;
        errors.removeAll();
        body.setVisible(false);
        user = currentUser.require();
        Map<String, List<String>> query = event.getLocation().getQueryParameters().getParameters();
        LocalDate today = insights.today();
        Optional<DateRange> asked = DateRange.parse(first(query, "from"), first(query, "to"));
        range = asked.orElse(DateRange.lastDays(DEFAULT_DAYS, today));
        fromPicker.setValue(range.from());
        toPicker.setValue(range.to());
        if (asked.isEmpty() && (query.containsKey("from") || query.containsKey("to"))) {
            errors.add(Notices.error("That date range cannot be shown",
                    "Pick a first and a last day (yyyy-MM-dd), the first not after the last, at most "
                            + DateRange.MAX_DAYS + " days apart. Showing the last " + DEFAULT_DAYS + " days."));
        }
        Optional<GuildSummary> chosen = route.open(user, guildParam, errors,
                id -> event.forwardTo("insights/" + id, query(range)));
        if (chosen.isEmpty()) {
            return;
        }
        guild = chosen.get();
        show();
    }

    private void applyRange() {
        if (fromPicker.getValue() == null || toPicker.getValue() == null) {
            toPicker.setInvalid(true);
            toPicker.setErrorMessage("Pick both days");
            return;
        }
        try {
            DateRange picked = new DateRange(fromPicker.getValue(), toPicker.getValue());
            toPicker.setInvalid(false);
            if (guild != null) {
                open(guild.id(), picked);
            }
        } catch (IllegalArgumentException e) {
            toPicker.setInvalid(true);
            toPicker.setErrorMessage(e.getMessage());
        }
    }

    private void open(long guildId, DateRange r) {
        getUI().ifPresent(ui -> ui.navigate("insights/" + guildId, query(r)));
    }

    private static QueryParameters query(DateRange r) {
        return QueryParameters.simple(Map.of("from", r.from().toString(), "to", r.to().toString()));
    }

    /** Re-checks ownership and re-reads (the auto-refresh). */
    void refresh() {
        if (guild != null) {
            show();
        }
    }

    private void show() {
        InsightsReport report;
        try {
            report = insights.report(user, guild.id(), range);
        } catch (GuildAccessDeniedException e) {
            log.info("event=guild_access_lost user={} guild={}", user.getName(), guild.id());
            guild = null;
            body.setVisible(false);
            errors.removeAll();
            errors.add(Notices.noAccess());
            return;
        } catch (CoreUnavailableException e) {
            log.warn("event=guild_scope_failed guild={} error={}", guild.id(), e.getMessage());
            showError(Notices.error("core-server cannot be reached",
                    "The console checks with core-server that you still own this guild before showing its "
                            + "numbers. Check that core-server is running; this page retries by itself."));
            return;
        } catch (RuntimeException e) {
            log.warn("event=insights_query_failed guild={} error={}", guild.id(), e.toString());
            showError(Notices.error("The warehouse (ClickHouse) cannot be read right now",
                    "Numbers will come back on their own once ClickHouse answers again; check that it is "
                            + "running and that the warehouse migrations have been applied."));
            return;
        }
        errors.removeAll();
        body.setVisible(true);
        render(report);
    }

    private void showError(Div notice) {
        errors.removeAll();
        errors.add(notice);
    }

    private void render(InsightsReport r) {
        String name = guild.name();
        String file = guild.id() + "-%s-" + r.range().from() + "-to-" + r.range().to() + ".csv";
        String none = "No data for this range yet: ";
        summary.setText(r.isEmpty()
                ? none + "nothing was recorded for " + name + " from " + r.range() + ". The analytics jobs fill "
                        + "these numbers as members join and post; pick another range, or check that "
                        + "stream-analytics is running."
                : name + ", " + r.range() + ": " + r.totalMessages() + " messages, " + r.totalJoins() + " joins, "
                        + r.totalLeaves() + " leaves, " + InsightsReport.minutes(r.totalVoiceMinutes())
                        + " voice minutes.");

        List<String> days = CategoryChartOption.days(r.range().from(), r.range().to());
        Map<String, Long> joins = new LinkedHashMap<>();
        Map<String, Long> leaves = new LinkedHashMap<>();
        Map<String, Long> growth = new LinkedHashMap<>();
        long running = 0;
        Map<String, Long> netByDay = new LinkedHashMap<>();
        for (MemberDay d : r.members()) {
            joins.put(d.day().toString(), d.joins());
            leaves.put(d.day().toString(), d.leaves());
            netByDay.put(d.day().toString(), d.net());
        }
        for (String day : days) {
            running += netByDay.getOrDefault(day, 0L);
            growth.put(day, running);
        }
        sections.get("members").show(r.membersTable(), new CategoryChartOption("Members · " + name, "members", days)
                        .series("joins", Kind.BAR, joins).series("leaves", Kind.BAR, leaves)
                        .series("growth in range", Kind.LINE, growth).toJson(),
                file.formatted("members"), none + "no member joined or left " + name + " from " + r.range()
                        + ". Joins and leaves are counted once a day; pick a longer range, or invite someone.");

        sections.get("messages-per-day").show(r.messagesPerDayTable(),
                new CategoryChartOption("Messages per day · " + name, "messages", days)
                        .series("messages", Kind.BAR, byDay(r.messagesPerDay())).toJson(),
                file.formatted("messages-per-day"), none + "no message was posted in " + name + " from " + r.range()
                        + ". Post in a channel of this guild, or pick a range with activity.");

        Map<String, Long> perChannel = new LinkedHashMap<>();
        r.channels().forEach(c -> perChannel.put(c.name(), c.messages()));
        sections.get("messages-per-channel").show(r.channelsTable(),
                new CategoryChartOption("Messages per channel · " + name, "messages",
                        List.copyOf(perChannel.keySet())).horizontal()
                        .series("messages", Kind.BAR, perChannel).toJson(),
                file.formatted("messages-per-channel"), none + "no channel of " + name + " had messages from "
                        + r.range() + ".");

        sections.get("daily-active-users").show(r.dailyActiveTable(),
                new CategoryChartOption("Daily active users · " + name, "users", days)
                        .series("active users", Kind.LINE, byDay(r.dailyActiveUsers())).toJson(),
                file.formatted("daily-active-users"), none + "nobody posted in " + name + " from " + r.range()
                        + " (bots do not count).");

        Map<String, Long> weekly = new LinkedHashMap<>();
        for (WeekCount w : r.weeklyActiveUsers()) {
            weekly.put(w.week().toString(), w.count());
        }
        sections.get("weekly-active-users").show(r.weeklyActiveTable(), null, file.formatted("weekly-active-users"),
                none + "nobody posted in " + name + " in the weeks of " + r.range() + ".");

        sections.get("retention").show(r.retentionTable(), null, file.formatted("retention"),
                none + "no new member joined " + name + " from " + r.range() + ". A cohort shows "
                        + InsightsReport.NOT_YET + " until it is old enough for 1, 7 or 30 days.");

        HeatmapOption heatmap = new HeatmapOption("Messages by hour and weekday · " + name);
        for (HourOfWeekCount h : r.busiestHours()) {
            heatmap.add(h.dayOfWeek(), h.hour(), h.messages());
        }
        sections.get("busiest-hours").show(r.busiestHoursTable(), heatmap.toJson(), file.formatted("busiest-hours"),
                none + "no message was posted in " + name + " from " + r.range() + ", so no hour stands out.");

        Map<String, Double> voiceByDay = new LinkedHashMap<>();
        r.voicePerDay().forEach(d -> voiceByDay.put(d.day().toString(), shownMinutes(d.minutes())));
        sections.get("voice-minutes-per-day").show(r.voicePerDayTable(),
                new CategoryChartOption("Voice minutes per day · " + name, "minutes", days)
                        .series("voice minutes", Kind.BAR, voiceByDay).toJson(),
                file.formatted("voice-minutes-per-day"), none + "nobody was in a voice channel of " + name
                        + " from " + r.range() + ". A session counts once it ends; join a voice channel, or pick "
                        + "another range.");

        Map<String, Double> voicePerChannel = new LinkedHashMap<>();
        r.voiceChannels().forEach(c -> voicePerChannel.put(c.name(), shownMinutes(c.minutes())));
        sections.get("voice-minutes-per-channel").show(r.voiceChannelsTable(),
                new CategoryChartOption("Voice minutes per channel · " + name, "minutes",
                        List.copyOf(voicePerChannel.keySet())).horizontal()
                        .series("voice minutes", Kind.BAR, voicePerChannel).toJson(),
                file.formatted("voice-minutes-per-channel"), none + "no voice channel of " + name
                        + " was used from " + r.range() + ".");
    }

    /**
     * Minutes as the tables show them (one decimal): the chart plots the same numbers, and a year of days is not sent
     * with 16 digits each.
     */
    private static double shownMinutes(double minutes) {
        return Double.parseDouble(InsightsReport.minutes(minutes));
    }

    private static Map<String, Long> byDay(List<DayCount> counts) {
        Map<String, Long> map = new LinkedHashMap<>();
        counts.forEach(d -> map.put(d.day().toString(), d.count()));
        return map;
    }

    private static String first(Map<String, List<String>> query, String key) {
        List<String> values = query.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
