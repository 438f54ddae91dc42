package dev.guildhall.simulator.voice;

import dev.guildhall.simulator.config.SimulatorConfig.ProxyImpairment;
import dev.guildhall.testkit.UdpImpairmentProxy;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The UDP path of impaired clients in proxy mode: one {@link UdpImpairmentProxy} (testkit) per voice relay, all
 * with the same impairment each way; a client sends to the proxy instead of the relay (IP discovery then reports
 * the proxy's address, which SELECT_PROTOCOL announces, so the relay answers through it as well).
 */
final class ImpairmentProxies implements UnaryOperator<InetSocketAddress>, AutoCloseable {
    private final UdpImpairmentProxy.Impairment impairment;
    private final long seed;
    private final Map<InetSocketAddress, UdpImpairmentProxy> byRelay = new ConcurrentHashMap<>();

    ImpairmentProxies(ProxyImpairment config, long seed) {
        this.impairment = UdpImpairmentProxy.Impairment.of(config.delayMs(), config.jitterMs(), config.loss());
        this.seed = seed;
    }

    /** Where an impaired client sends instead of {@code relay}. */
    @Override
    public InetSocketAddress apply(InetSocketAddress relay) {
        return byRelay.computeIfAbsent(relay, r -> {
            UdpImpairmentProxy proxy = UdpImpairmentProxy.start(r, seed ^ r.hashCode());
            proxy.impair(impairment);
            return proxy;
        }).address();
    }

    @Override
    public void close() {
        byRelay.values().forEach(UdpImpairmentProxy::close);
    }
}
