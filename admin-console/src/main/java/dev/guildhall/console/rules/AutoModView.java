package dev.guildhall.console.rules;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
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
import dev.guildhall.automod.rules.AutoModerationRule;
import dev.guildhall.console.auth.ConsoleRole;
import dev.guildhall.console.auth.ConsoleUser;
import dev.guildhall.console.auth.CoreRefusedException;
import dev.guildhall.console.auth.CoreUnavailableException;
import dev.guildhall.console.auth.CurrentUser;
import dev.guildhall.console.auth.GuildAccessDeniedException;
import dev.guildhall.console.auth.GuildSummary;
import dev.guildhall.console.layout.GuildRoute;
import dev.guildhall.console.layout.MainLayout;
import dev.guildhall.console.layout.Notices;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A guild's AutoMod rules ({@code /automod/<guild id>}) for users with Manage Server there: list, create, edit,
 * delete, and try a draft on the guild's recent messages. Everything goes through {@link RuleEditorService}.
 */
@Route(value = "automod", layout = MainLayout.class)
@PageTitle("AutoMod rules · Guildhall console")
@RolesAllowed({ConsoleRole.OWNER, ConsoleRole.MODERATOR})
public class AutoModView extends VerticalLayout implements HasUrlParameter<String> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);
    private static final Logger log = LoggerFactory.getLogger(AutoModView.class);
    private static final String CORE_DOWN_WHAT_TO_DO = "AutoMod rules live in core-server. Check that it is "
            + "running, then reload this page; nothing was changed.";

    private final CurrentUser currentUser;
    private final RuleEditorService editor;

    private final Select<GuildSummary> guildPicker = new Select<>();
    private final GuildRoute route;
    private final Div notices = new Div();
    private final VerticalLayout body = new VerticalLayout();
    private final Grid<AutoModerationRule> rulesGrid = new Grid<>();
    private final Span rulesEmpty = new Span();
    private final H3 formTitle = new H3();
    private final RuleForm form = new RuleForm();
    private final Button save = new Button("Save rule");
    private final Button delete = new Button("Delete rule");
    private final Button preview = new Button("Try this rule on recent messages");
    private final Span status = new Span();
    private final Span previewSummary = new Span();
    private final Grid<PreviewRow> previewGrid = new Grid<>();

    private ConsoleUser user;
    private GuildSummary guild;

    public AutoModView(CurrentUser currentUser, RuleEditorService editor) {
        this.currentUser = currentUser;
        this.editor = editor;
        route = new GuildRoute("automod", guildPicker, editor::guilds, null,
                new GuildRoute.Texts(CORE_DOWN_WHAT_TO_DO, "You manage no guild",
                        "AutoMod rules need the Manage Server permission. Ask the server owner for a role with it, "
                                + "or create a guild from a client, then sign out and in again.",
                        "AutoMod rules open only for guilds where you have the Manage Server permission. Pick one "
                                + "of those guilds from the list."));
        setWidthFull();

        guildPicker.setLabel("Guild");
        guildPicker.setWidth("20rem");
        guildPicker.setId("automod-guild-picker");
        guildPicker.setItemLabelGenerator(GuildSummary::label);
        guildPicker.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                getUI().ifPresent(ui -> ui.navigate(AutoModView.class, Long.toString(e.getValue().id())));
            }
        });
        Button newRule = new Button("New rule", e -> startNew());
        newRule.setId("new-rule");

        rulesGrid.setId("rules-grid");
        rulesGrid.addThemeVariants(GridVariant.LUMO_COMPACT);
        rulesGrid.addColumn(AutoModerationRule::name).setHeader("Name").setAutoWidth(true);
        rulesGrid.addColumn(r -> RuleForm.TRIGGER_LABELS.get(r.triggerType())).setHeader("Trigger").setAutoWidth(true);
        rulesGrid.addColumn(r -> r.actions().stream().map(RulePreview::describe).collect(Collectors.joining(", ")))
                .setHeader("Actions").setFlexGrow(1);
        rulesGrid.addColumn(r -> r.enabled() ? "yes" : "no").setHeader("Enabled").setAutoWidth(true);
        rulesGrid.setAllRowsVisible(true);
        rulesGrid.addItemClickListener(e -> startEdit(e.getItem()));
        rulesEmpty.setId("rules-empty");

        save.setId("rule-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        delete.setId("rule-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        delete.addClickListener(e -> delete());
        preview.setId("rule-preview");
        preview.addClickListener(e -> preview());
        status.setId("rule-status");
        formTitle.setId("rule-form-title");

        previewSummary.setId("preview-summary");
        previewGrid.setId("preview-grid");
        previewGrid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        previewGrid.addColumn(r -> r.outcome().label()).setHeader("Result").setAutoWidth(true);
        previewGrid.addColumn(r -> TIME.format(r.message().sentAt())).setHeader("Sent (UTC)").setAutoWidth(true);
        previewGrid.addColumn(r -> r.message().channel().label()).setHeader("Channel").setAutoWidth(true);
        previewGrid.addColumn(r -> r.message().authorName()).setHeader("Author").setAutoWidth(true);
        previewGrid.addColumn(r -> r.message().content()).setHeader("Message").setFlexGrow(2);
        previewGrid.addColumn(PreviewRow::why).setHeader("Why").setFlexGrow(2);
        previewGrid.addColumn(PreviewRow::actions).setHeader("Would do").setFlexGrow(1);
        previewGrid.setHeight("20rem");
        previewGrid.setVisible(false);

        HorizontalLayout buttons = new HorizontalLayout(save, preview, delete, status);
        buttons.setAlignItems(FlexComponent.Alignment.BASELINE);
        body.setPadding(false);
        body.add(rulesGrid, rulesEmpty, formTitle, form, buttons, previewSummary, previewGrid);

        HorizontalLayout header = new HorizontalLayout(new H2("AutoMod rules"), guildPicker, newRule);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(header, notices, body);
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter String guildParam) {
        guild = null;
        notices.removeAll();
        body.setVisible(false);
        user = currentUser.require();
        Optional<GuildSummary> chosen = route.open(user, guildParam, notices,
                id -> event.forwardTo(AutoModView.class, Long.toString(id)));
        if (chosen.isEmpty()) {
            return;
        }
        guild = chosen.get();
        try {
            form.setContext(editor.context(user, guild.id()));
            loadRules();
        } catch (RuntimeException e) {
            handle(e);
            return;
        }
        body.setVisible(true);
        startNew();
    }

    private void loadRules() {
        List<AutoModerationRule> rules = editor.rules(user, guild.id());
        rulesGrid.setItems(rules);
        rulesGrid.setVisible(!rules.isEmpty());
        rulesEmpty.setVisible(rules.isEmpty());
        rulesEmpty.setText("This guild has no AutoMod rule yet. Fill in the form below and save it; try it on "
                + "recent messages first.");
    }

    private void startNew() {
        form.newRule(guild.id());
        formTitle.setText("New rule");
        delete.setVisible(false);
        status.setText("");
        previewGrid.setVisible(false);
        previewSummary.setText("");
    }

    private void startEdit(AutoModerationRule rule) {
        form.edit(rule);
        formTitle.setText("Edit rule: " + rule.name());
        delete.setVisible(true);
        status.setText("");
    }

    private void save() {
        if (guild == null) {
            return;
        }
        try {
            AutoModerationRule saved = editor.save(user, guild.id(), form.toRule());
            loadRules();
            startEdit(saved);
            status.setText("Saved \"" + saved.name() + "\"" + (saved.enabled() ? "" : " (disabled)") + ".");
        } catch (RuntimeException e) {
            handle(e);
        }
    }

    private void delete() {
        if (guild == null || form.isNew()) {
            return;
        }
        AutoModerationRule rule = form.toRule();
        try {
            editor.delete(user, guild.id(), rule.id());
            loadRules();
            startNew();
            status.setText("Deleted \"" + rule.name() + "\".");
        } catch (RuntimeException e) {
            handle(e);
        }
    }

    private void preview() {
        if (guild == null) {
            return;
        }
        AutoModerationRule draft = form.toRule();
        if (draft.triggerType() == null) {
            form.showGeneralError("Pick a trigger first.");
            return;
        }
        try {
            PreviewResult result = editor.preview(user, guild.id(), draft);
            form.clearErrors();
            status.setText("");
            previewGrid.setItems(result.rows());
            previewGrid.setVisible(!result.rows().isEmpty());
            String skipped = result.channelsSkipped().isEmpty() ? ""
                    : " Skipped (you cannot read them): " + String.join(", ", result.channelsSkipped()) + ".";
            if (!result.note().isEmpty() && result.rows().isEmpty()) {
                previewSummary.setText(result.note());
            } else if (result.rows().isEmpty()) {
                previewSummary.setText("No recent messages in the channels you can read (" + result.channelsRead()
                        + " read): nothing to try the rule on yet." + skipped);
            } else {
                previewSummary.setText(result.matches() + " of " + result.rows().size() + " recent messages in "
                        + result.channelsRead() + (result.channelsRead() == 1 ? " channel" : " channels")
                        + " would match." + skipped
                        + (result.note().isEmpty() ? "" : " " + result.note()));
            }
            previewSummary.scrollIntoView();
        } catch (RuntimeException e) {
            handle(e);
        }
    }

    /** Refusals: field errors next to the fields, others in the form or as a notice that says what to do. */
    private void handle(RuntimeException e) {
        if (e instanceof GuildAccessDeniedException) {
            log.info("event=guild_access_lost user={} guild={}", user.getName(), guild == null ? 0 : guild.id());
            guild = null;
            body.setVisible(false);
            notices.removeAll();
            notices.add(Notices.noAccess("You no longer have the Manage Server permission in this guild. Pick "
                    + "another guild, or ask the owner for the permission."));
        } else if (e instanceof CoreRefusedException refused) {
            status.setText("");
            if (refused.code() == 50035) {
                form.showErrors(FormErrors.flatten(refused.errors()));
                status.setText("Not saved: fix the fields marked in red.");
            } else {
                form.showGeneralError("core-server refused: " + refused.getMessage() + " (" + refused.code()
                        + "). " + (refused.code() == 50013 ? "A timeout action also needs the Timeout Members "
                        + "permission." : "Reload the page and try again."));
            }
        } else if (e instanceof CoreUnavailableException) {
            log.warn("event=automod_core_failed guild={} error={}", guild == null ? 0 : guild.id(), e.getMessage());
            notices.removeAll();
            notices.add(coreDown());
        } else {
            throw e;
        }
    }

    private static Div coreDown() {
        return Notices.error("core-server cannot be reached", CORE_DOWN_WHAT_TO_DO);
    }
}
