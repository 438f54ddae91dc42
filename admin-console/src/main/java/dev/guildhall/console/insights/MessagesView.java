package dev.guildhall.console.insights;

import com.vaadin.flow.component.grid.Grid;
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
import com.vaadin.flow.router.Route;
import dev.guildhall.console.auth.ConsoleRole;
import dev.guildhall.console.auth.CoreServerClient;
import dev.guildhall.console.auth.CoreUnavailableException;
import dev.guildhall.console.auth.CurrentUser;
import dev.guildhall.console.auth.GuildScope;
import dev.guildhall.console.auth.GuildSummary;
import dev.guildhall.console.charts.EChart;
import dev.guildhall.console.charts.LineChartOption;
import dev.guildhall.console.config.ConsoleProperties;
import dev.guildhall.console.layout.AutoRefresh;
import dev.guildhall.console.layout.GuildRoute;
import dev.guildhall.console.layout.MainLayout;
import dev.guildhall.console.layout.Notices;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages per minute over the last hour for one guild the user owns ({@code /messages/<guild id>}). The guild id
 * in the URL is checked against the user's guilds on the server before any data is read.
 */
@Route(value = "messages", layout = MainLayout.class)
@PageTitle("Messages · Guildhall console")
@RolesAllowed(ConsoleRole.OWNER)
public class MessagesView extends VerticalLayout implements HasUrlParameter<String> {

    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final Logger log = LoggerFactory.getLogger(MessagesView.class);

    private final CurrentUser currentUser;
    private final GuildScope scope;
    private final MessageInsights insights;

    private final Select<GuildSummary> guildPicker = new Select<>();
    private final GuildRoute route;
    private final VerticalLayout body = new VerticalLayout();
    private final Span total = new Span();
    private final EChart chart = new EChart();
    private final Grid<MinuteMessages> table = new Grid<>();
    private final Grid<ChannelActivity> channelTable = new Grid<>();
    private final HorizontalLayout tables = new HorizontalLayout(table, channelTable);
    private GuildSummary guild;
    /** The guild whose numbers the chart and table hold, if any. */
    private Long shownGuildId;

    private final CoreServerClient core;

    public MessagesView(CurrentUser currentUser, GuildScope scope, MessageInsights insights, CoreServerClient core,
                        ConsoleProperties properties) {
        this.currentUser = currentUser;
        this.core = core;
        this.scope = scope;
        this.insights = insights;
        route = new GuildRoute("messages", guildPicker, scope::ownedGuilds, null, GuildRoute.Texts.OWNED_GUILDS);
        setWidthFull();

        guildPicker.setLabel("Guild");
        guildPicker.setWidth("22rem");
        guildPicker.setId("guild-picker");
        guildPicker.setItemLabelGenerator(GuildSummary::label);
        guildPicker.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                getUI().ifPresent(ui -> ui.navigate(MessagesView.class, Long.toString(e.getValue().id())));
            }
        });
        total.setId("messages-total");
        chart.setId("messages-chart");
        table.setId("messages-table");
        table.addColumn(m -> MINUTE.format(m.minute())).setHeader("Minute (UTC)").setKey("minute");
        table.addColumn(MinuteMessages::messages).setHeader("Messages").setKey("messages");
        table.setAllRowsVisible(true);
        table.setWidth("28rem");
        channelTable.setId("channels-table");
        channelTable.addColumn(ChannelActivity::name).setHeader("Channel").setKey("channel");
        channelTable.addColumn(ChannelActivity::messages).setHeader("Messages (last hour)").setKey("messages");
        channelTable.setAllRowsVisible(true);
        channelTable.setWidth("28rem");
        tables.setWidthFull();
        tables.setAlignItems(FlexComponent.Alignment.START);
        body.setPadding(false);

        HorizontalLayout header = new HorizontalLayout(new H2("Messages per minute"), guildPicker);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(header, body);
        AutoRefresh.install(this, properties.refreshInterval(), this::refresh);
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter String guildParam) {
        guild = null;
        body.removeAll();
        Optional<GuildSummary> chosen = route.open(currentUser.require(), guildParam, body,
                id -> event.forwardTo(MessagesView.class, Long.toString(id)));
        if (chosen.isEmpty()) {
            return;
        }
        guild = chosen.get();
        body.add(total, chart, tables);
        showActivity();
    }

    /** Re-reads the numbers of the chosen guild (also called by the auto-refresh). */
    void refresh() {
        if (guild == null) {
            return;
        }
        // ownership is checked again at every refresh: a guild given away stops showing at once
        try {
            if (scope.ownedGuild(currentUser.require(), guild.id()).isEmpty()) {
                log.info("event=guild_access_lost user={} guild={}", currentUser.require().getName(), guild.id());
                guild = null;
                body.removeAll();
                body.add(Notices.noAccess());
                return;
            }
        } catch (CoreUnavailableException e) {
            log.warn("event=guild_scope_failed guild={} error={}", guild.id(), e.getMessage());
            return;
        }
        showActivity();
    }

    private void showActivity() {
        MessageActivity activity;
        List<ChannelActivity> channels;
        try {
            activity = insights.lastWindow(guild.id());
            channels = insights.channelsLastWindow(guild.id(), channelNames());
        } catch (RuntimeException e) {
            log.warn("event=messages_query_failed guild={} error={}", guild.id(), e.toString());
            if (shownGuildId == null || shownGuildId != guild.id()) {
                // nothing read yet for this guild: show only the error
                total.setVisible(false);
                chart.setVisible(false);
                tables.setVisible(false);
            }
            body.getChildren().filter(c -> "error-state".equals(c.getId().orElse(null))).findFirst()
                    .ifPresentOrElse(c -> { }, () -> body.addComponentAsFirst(Notices.error(
                            "The warehouse (ClickHouse) cannot be read right now",
                            "Numbers will come back on their own once ClickHouse answers again; "
                                    + "check that it is running.")));
            return;
        }
        body.getChildren().filter(c -> "error-state".equals(c.getId().orElse(null))).toList()
                .forEach(body::remove);
        total.setVisible(true);
        chart.setVisible(true);
        shownGuildId = guild.id();
        if (activity.isEmpty()) {
            total.setText("No messages in the last hour — post in a channel of this guild and they will "
                    + "appear here within a minute or two.");
        } else {
            total.setText(activity.total() + " messages in the last hour");
        }
        tables.setVisible(!activity.isEmpty());
        table.setItems(activity.active());
        channelTable.setItems(channels);
        chart.setOption(new LineChartOption("Messages per minute · " + guild.name(), "messages")
                .range(activity.from(), activity.to())
                .series("messages", activity.minutes().stream()
                        .map(m -> new LineChartOption.Point(m.minute(), m.messages())).toList())
                .toJson());
    }

    /** Channel names from core-server; without them channels show by id. */
    private Map<Long, String> channelNames() {
        try {
            return core.guildChannels(currentUser.require().token(), guild.id());
        } catch (CoreUnavailableException e) {
            log.warn("event=channel_names_failed guild={} error={}", guild.id(), e.getMessage());
            return Map.of();
        }
    }
}
