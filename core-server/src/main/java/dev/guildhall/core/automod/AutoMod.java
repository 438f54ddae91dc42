package dev.guildhall.core.automod;

import dev.guildhall.core.auditlog.ChangeRecorder;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.gateway.GuildEventBus;
import dev.guildhall.core.gateway.UserDispatcher;
import dev.guildhall.core.permissions.PermissionCalculator;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * AutoMod inside core-server: the rule resource, the inline check (rules and the classifier within its budget)
 * and the consumer of stream verdicts for messages the inline check left pending, sharing the compiled-rule cache.
 */
public final class AutoMod implements AutoCloseable {
    private final AutoModRuleService rules;
    private final InlineAutoMod inline;
    private final ModelLoader model;
    private final VerdictConsumer verdicts;

    public AutoMod(Database db, PermissionCalculator permissions, ChangeRecorder recorder, GuildEventBus bus,
                   UserDispatcher users, MeterRegistry registry, AutoModConfig config, String kafkaBootstrap) {
        CompiledRuleCache cache = new CompiledRuleCache(db);
        ManageGuildAudience audience = new ManageGuildAudience(db, users);
        ActionExecutor executor = new ActionExecutor(db, recorder, bus, audience);
        this.rules = new AutoModRuleService(db, permissions, recorder, cache, audience);
        this.model = new ModelLoader(config, classifier -> new InlineModel(classifier.labels(), classifier.version(),
                classifier::score, config.budget(), config.modelThreads(), config.modelQueue(), registry), registry);
        this.inline = new InlineAutoMod(cache, executor, model::model, registry);
        model.start();
        WaitingVerdictsGauges.register(db, registry);
        if (config.verdictsEnabled()) {
            this.verdicts = new VerdictConsumer(kafkaBootstrap, config.verdictsGroup(),
                    new LateVerdicts(db, cache, executor, permissions), registry);
            verdicts.start();
        } else {
            this.verdicts = null;
        }
    }

    public AutoModRuleService rules() {
        return rules;
    }

    public InlineAutoMod inline() {
        return inline;
    }

    /** Stops the verdict consumer, then the scoring pool, then releases the model. */
    @Override
    public void close() {
        if (verdicts != null) {
            verdicts.close();
        }
        model.close();
    }
}
