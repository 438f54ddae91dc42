package dev.guildhall.core.voice;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;

/**
 * The UDP transport of the relay: native epoll when {@code netty-transport-native-epoll} is on the class path and
 * loads, NIO otherwise. Epoll is looked up reflectively so the module compiles without the native artifact.
 */
record UdpTransport(String name, IoHandlerFactory ioHandlerFactory, Class<? extends DatagramChannel> channelType) {

    static UdpTransport best() {
        try {
            Class<?> epoll = Class.forName("io.netty.channel.epoll.Epoll");
            if ((Boolean) epoll.getMethod("isAvailable").invoke(null)) {
                IoHandlerFactory factory = (IoHandlerFactory) Class.forName("io.netty.channel.epoll.EpollIoHandler")
                        .getMethod("newFactory").invoke(null);
                Class<? extends DatagramChannel> channel = Class.forName("io.netty.channel.epoll.EpollDatagramChannel")
                        .asSubclass(DatagramChannel.class);
                return new UdpTransport("epoll", factory, channel);
            }
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            // fall through to NIO
        }
        return nio();
    }

    static UdpTransport nio() {
        return new UdpTransport("nio", NioIoHandler.newFactory(), NioDatagramChannel.class);
    }
}
