package dev.guildhall.console.moderation;

import dev.guildhall.console.layout.GuildRoute;

/** What the moderators' views (moderation, review queue) say about the guilds they moderate. */
public final class ModeratorScope {

    private ModeratorScope() {
    }

    /**
     * @param view             the view, as the start of a sentence ("The review queue")
     * @param coreDownWhatToDo what to do when core-server cannot be reached
     */
    public static GuildRoute.Texts texts(String view, String coreDownWhatToDo) {
        return new GuildRoute.Texts(coreDownWhatToDo, "You moderate no guild",
                view + " lists the guilds where your account holds Manage Messages or Timeout Members (or that you "
                        + "own). Ask a server owner for such a role, then reload this page.",
                "You can open only the guilds where you hold Manage Messages or Timeout Members. Pick one of your "
                        + "guilds from the list.");
    }
}
