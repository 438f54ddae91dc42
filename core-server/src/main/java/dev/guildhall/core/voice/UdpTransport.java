package dev.guildhall.core.voice;

import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;

/**
 * The UDP transport of the relay: native epoll when {@code netty-transport-native-epoll} is on the class path and
 * loads, NIO otherwise. Epoll is looked up reflectively so the module compiles without the native artifact.
 * {@code maxDatagramPayloadSize} is epoll's {@code MAX_DATAGRAM_PAYLOAD_SIZE} option (null for NIO): set, with a
 * receive buffer of several datagrams, epoll reads a batch of datagrams with one {@code recvmmsg}.
 */
record UdpTransport(String name, IoHandlerFactory ioHandlerFactory, Class<? extends DatagramChannel> channelType,
                    ChannelOption<Integer> maxDatagramPayloadSize) {

    static UdpTransport best() {
        try {
            Class<?> epoll = Class.forName("io.netty.channel.epoll.Epoll");
            if ((Boolean) epoll.getMethod("isAvailable").invoke(null)) {
                IoHandlerFactory factory = (IoHandlerFactory) Class.forName("io.netty.channel.epoll.EpollIoHandler")
                        .getMethod("newFactory").invoke(null);
                Class<? extends DatagramChannel> channel = Class.forName("io.netty.channel.epoll.EpollDatagramChannel")
                        .asSubclass(DatagramChannel.class);
                @SuppressWarnings("unchecked")
                ChannelOption<Integer> payloadSize = (ChannelOption<Integer>) Class.forName(
                        "io.netty.channel.epoll.EpollChannelOption").getField("MAX_DATAGRAM_PAYLOAD_SIZE").get(null);
                return new UdpTransport("epoll", factory, channel, payloadSize);
            }
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            // fall through to NIO
        }
        return nio();
    }

    static UdpTransport nio() {
        return new UdpTransport("nio", NioIoHandler.newFactory(), NioDatagramChannel.class, null);
    }
}
