package dev.guildhall.simulator.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Typed configuration of the simulator (docs/runtime-contract.md, "simulator").
 *
 * @param coreUrl        core-server base URL, e.g. http://127.0.0.1:8090
 * @param users          number of simulated users sim-user-01..NN
 * @param guilds         number of demo guilds the owner creates
 * @param metricsPort    port of /health and /metrics
 * @param statePath      JSON file with the accounts and guilds created so far (a rerun logs in instead)
 * @param password       password of every demo account
 * @param messageRate    chat messages per second over all users
 * @param gatewayUsers   users that hold a gateway WebSocket session
 * @param voiceUsers     users that talk in voice channels
 * @param impairShare    share (0..1) of voice clients that are impaired
 * @param impairProxy    null: impaired clients add send-time jitter and drop packets in bad phases; else their UDP
 *                       goes through an impairment proxy with this delay, jitter and loss each way, all the time
 * @param seed           random seed (chatter, talk spurts, impairment)
 * @param retryDelay     pause before a failed setup step is retried
 */
public record SimulatorConfig(
        URI coreUrl,
        int users,
        int guilds,
        int metricsPort,
        Path statePath,
        String password,
        double messageRate,
        int gatewayUsers,
        int voiceUsers,
        double impairShare,
        ProxyImpairment impairProxy,
        long seed,
        Duration retryDelay) {

    public SimulatorConfig {
        require(coreUrl != null && coreUrl.getScheme() != null
                && (coreUrl.getScheme().equals("http") || coreUrl.getScheme().equals("https"))
                && coreUrl.getHost() != null, "GUILDHALL_CORE_URL must be an http(s) URL, got " + coreUrl);
        require(users >= 1 && users <= 999, "GUILDHALL_SIM_USERS must be 1..999, got " + users);
        require(guilds >= 1 && guilds <= 100, "GUILDHALL_SIM_GUILDS must be 1..100, got " + guilds);
        require(metricsPort >= 0 && metricsPort <= 65535, "GUILDHALL_METRICS_PORT must be 0..65535, got " + metricsPort);
        require(statePath != null, "GUILDHALL_SIM_STATE must be a file path");
        require(password != null && password.length() >= 6, "the demo password must have at least 6 characters");
        require(messageRate >= 0 && messageRate <= 1000, "GUILDHALL_SIM_MESSAGE_RATE must be 0..1000 messages/s, got " + messageRate);
        require(gatewayUsers >= 0, "GUILDHALL_SIM_GATEWAY_USERS must be >= 0, got " + gatewayUsers);
        require(voiceUsers >= 0, "GUILDHALL_SIM_VOICE_USERS must be >= 0, got " + voiceUsers);
        require(impairShare >= 0 && impairShare <= 1, "GUILDHALL_SIM_IMPAIR must be 0..1, got " + impairShare);
        require(retryDelay != null && !retryDelay.isNegative(), "retry delay must be >= 0");
    }

    /** {@code GUILDHALL_SIM_IMPAIR_PROXY=DELAY_MS,JITTER_MS,LOSS}, e.g. {@code 40,10,0.02}. */
    public record ProxyImpairment(int delayMs, int jitterMs, double loss) {
        public ProxyImpairment {
            require(delayMs >= 0 && jitterMs >= 0 && jitterMs <= delayMs && loss >= 0 && loss <= 1,
                    "GUILDHALL_SIM_IMPAIR_PROXY needs DELAY_MS,JITTER_MS,LOSS with 0 <= jitter <= delay and loss 0..1");
        }

        public static ProxyImpairment parse(String text) {
            String[] parts = text.split(",");
            if (parts.length != 3) {
                throw new ConfigException("GUILDHALL_SIM_IMPAIR_PROXY must be DELAY_MS,JITTER_MS,LOSS, got '" + text + "'");
            }
            try {
                return new ProxyImpairment(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                        Double.parseDouble(parts[2].trim()));
            } catch (NumberFormatException e) {
                throw new ConfigException("GUILDHALL_SIM_IMPAIR_PROXY must be DELAY_MS,JITTER_MS,LOSS, got '" + text + "'");
            }
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new ConfigException(message);
        }
    }

    /** Usernames of the simulated users: sim-user-01 .. sim-user-NN (two digits at least). */
    public String simUser(int index) {
        return String.format("sim-user-%02d", index);
    }

    public URI api(String path) {
        String base = coreUrl.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/api/v10" + path);
    }
}
