package dev.guildhall.console.reviewqueue;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.guildhall.console.layout.Notices;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The review queue's detail panel: the item's text and what matched, its claim or decision, the moderator's
 * buttons (given by the view), the messages around it in its channel (oldest first, the item's own highlighted)
 * and the author's earlier items and recent messages.
 */
final class ItemDetailPanel extends VerticalLayout {

    ItemDetailPanel() {
        setId("queue-detail");
        setPadding(false);
        setWidth("22rem");
        setMinWidth("22rem");
        getStyle().set("overflow", "auto");
    }

    void showPick() {
        removeAll();
        add(Notices.notice("queue-pick", "Pick an item",
                "Click a row to see the message in its channel and the author's history, then decide. "
                        + "Check rows to act on several at once."));
    }

    /**
     * {@code channel}: where it was posted; {@code claim}: who holds it or how it was decided; {@code actions}: the
     * buttons for this item.
     */
    void show(QueueItemDetail d, String channel, String claim, Component... actions) {
        removeAll();
        QueueItem i = d.item();
        H4 title = new H4((i.blocked() ? "Blocked" : "Flagged") + " message by " + i.authorName() + " in "
                + channel);
        Div content = new Div();
        content.setId("detail-content");
        content.setText(i.contentHidden() ? "You cannot view this message's channel, so its text is hidden."
                : i.content() == null ? "" : i.content());
        content.getStyle().set("white-space", "pre-wrap").set("padding", "var(--lumo-space-s)")
                .set("border-left", "3px solid var(--lumo-error-color-50pct)");
        Span meta = small("Rule " + i.ruleName() + " (" + QueueTexts.trigger(i.triggerType()) + ")"
                + (i.matchedKeyword() == null ? "" : " · keyword " + i.matchedKeyword())
                + (i.matchedContent() == null ? "" : " · matched \"" + i.matchedContent() + "\"")
                + " · score " + QueueTexts.score(i.score()) + " · " + QueueTexts.TIME.format(i.createdAt()) + " UTC"
                + (i.messageDeleted() ? " · message deleted" : ""));
        Span claimLine = small(claim);
        claimLine.setId("detail-claim");
        add(title, content, meta, claimLine);
        add(actions);
        add(new H4("In " + channel));
        Div context = new Div();
        context.setId("queue-context");
        if (d.context() == null) {
            context.add(small("You cannot view this channel, so its messages are not shown."));
        } else if (d.context().isEmpty()) {
            context.add(small("No messages around it."));
        } else {
            List<QueueItemDetail.Line> lines = new ArrayList<>(d.context());
            Collections.reverse(lines); // oldest first, like a chat
            lines.forEach(l -> context.add(line(l)));
        }
        Div earlier = new Div();
        earlier.setId("queue-earlier");
        if (d.earlierItems().isEmpty()) {
            earlier.add(small("None: this is their first item."));
        }
        d.earlierItems().forEach(e -> earlier.add(small(QueueTexts.TIME.format(e.createdAt()) + " · " + e.ruleName()
                + " · " + (e.resolution() == null ? "pending" : e.resolution()) + " · "
                + (e.contentHidden() ? "(hidden)" : QueueTexts.shorten(e.content())))));
        Div recent = new Div();
        recent.setId("queue-recent");
        if (d.recentMessages().isEmpty()) {
            recent.add(small("No messages in channels you can view."));
        }
        d.recentMessages().forEach(l -> recent.add(line(l)));
        add(context, new H4("Author's earlier items"), earlier, new H4("Author's recent messages"), recent);
    }

    private static Div line(QueueItemDetail.Line l) {
        Div d = new Div();
        d.setText((l.at() == null ? "" : QueueTexts.TIME.format(l.at()).substring(11) + " ") + l.author() + ": "
                + l.content());
        d.getStyle().set("font-size", "var(--lumo-font-size-s)").set("white-space", "pre-wrap");
        if (l.flagged()) {
            d.addClassName("flagged-line");
            d.getStyle().set("color", "var(--lumo-error-text-color)").set("font-weight", "600");
        }
        return d;
    }

    private static Span small(String text) {
        Span s = new Span(text);
        s.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)")
                .set("display", "block");
        return s;
    }
}
