package dev.guildhall.simulator;

import dev.guildhall.simulator.api.CoreApi;
import dev.guildhall.simulator.api.Session;
import dev.guildhall.simulator.chat.ChatDriver;
import dev.guildhall.simulator.config.SimulatorConfig;
import dev.guildhall.simulator.gateway.GatewayClients;
import dev.guildhall.simulator.metrics.SimulatorMetrics;
import dev.guildhall.simulator.setup.Community;
import dev.guildhall.simulator.setup.CommunitySetup;
import dev.guildhall.simulator.state.StateStore;
import dev.guildhall.simulator.voice.VoiceClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;

/** Sets up the demo community, then runs chat, gateway sessions and voice clients until closed. */
public final class Simulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Simulator.class);

    private final SimulatorConfig config;
    private final SimulatorMetrics metrics;
    private final CoreApi api;
    private volatile String phase = "starting";
    private volatile boolean running;
    private ChatDriver chat;
    private final GatewayClients gateway = new GatewayClients();
    private final VoiceClients voice = new VoiceClients();

    public Simulator(SimulatorConfig config, SimulatorMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.api = new CoreApi(config::api, metrics);
    }

    public String phase() {
        return phase;
    }

    public boolean isRunning() {
        return running;
    }

    /** Blocks until the community is set up (retrying failed steps), then starts the activity and returns. */
    public void start() throws InterruptedException {
        CommunitySetup setup = new CommunitySetup(config, api, new StateStore(config.statePath()), p -> phase = "setup: " + p);
        Community community = setup.run();
        metrics.setupComplete.set(1);

        chat = new ChatDriver(api, community.members(), config.messageRate(), config.seed(), metrics);
        chat.start();

        LinkedHashMap<String, Session> gatewayUsers = new LinkedHashMap<>();
        if (config.gatewayUsers() > 0) {
            gatewayUsers.put(CommunitySetup.OWNER, community.owner());
            for (Community.Member m : community.members()) {
                if (gatewayUsers.size() >= config.gatewayUsers()) {
                    break;
                }
                gatewayUsers.put(m.username(), m.session());
            }
        }
        gateway.start(api, config.coreUrl(), gatewayUsers, metrics);
        voice.start(api, config.coreUrl(), community.members(), config.voiceUsers(), config.impairShare(),
                config.impairProxy(), config.seed(), metrics);
        phase = "running";
        running = true;
        log.info("simulator running guilds={} members={} message_rate={} gateway_sessions={} voice_clients={} impair={}",
                community.guilds().size(), community.members().size(), config.messageRate(), gatewayUsers.size(),
                Math.min(config.voiceUsers(), community.members().size()), config.impairShare());
    }

    @Override
    public void close() {
        running = false;
        phase = "stopped";
        if (chat != null) {
            chat.close();
        }
        gateway.close();
        voice.close();
    }
}
