package dev.guildhall.core.automod;

import dev.guildhall.core.auditlog.ChangeRecorder;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.gateway.GuildEventBus;
import dev.guildhall.core.gateway.UserDispatcher;
import dev.guildhall.core.permissions.PermissionCalculator;
import io.micrometer.core.instrument.MeterRegistry;

/** AutoMod inside core-server: the rule resource and the inline check, sharing the compiled-rule cache. */
public final class AutoMod {
    private final AutoModRuleService rules;
    private final InlineAutoMod inline;

    public AutoMod(Database db, PermissionCalculator permissions, ChangeRecorder recorder, GuildEventBus bus,
                   UserDispatcher users, MeterRegistry registry) {
        CompiledRuleCache cache = new CompiledRuleCache(db);
        ManageGuildAudience audience = new ManageGuildAudience(db, users);
        this.rules = new AutoModRuleService(db, permissions, recorder, cache, audience);
        this.inline = new InlineAutoMod(db, recorder, cache, bus, audience, registry);
    }

    public AutoModRuleService rules() {
        return rules;
    }

    public InlineAutoMod inline() {
        return inline;
    }
}
