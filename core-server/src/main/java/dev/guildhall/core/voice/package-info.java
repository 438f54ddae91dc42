/**
 * Voice: gateway op 4 voice states ({@link dev.guildhall.core.voice.VoiceStateService}), Discord's voice gateway v8
 * over TLS ({@link dev.guildhall.core.voice.VoiceGateway}: IDENTIFY, SELECT_PROTOCOL, SPEAKING, RESUME), and the UDP
 * relay. Voice gateway sessions bind by IP discovery and their RTP is transport-encrypted
 * ({@code aead_aes256_gcm_rtpsize}, {@code aead_xchacha20_poly1305_rtpsize}): the relay decrypts per sender and
 * re-encrypts per receiver (docs/api.md, "Voice"). The skeleton protocol below keeps working beside it
 * (docs/runtime-contract.md, "Voice").
 *
 * <h2>Protocol</h2>
 * <ol>
 *   <li>core-server's {@code POST /channels/{id}/voice/join} calls {@link dev.guildhall.core.voice.VoiceRelay#admit}:
 *       a random non-zero ssrc and a 128-bit hex session token; one session per (channel, user), a new join
 *       replaces the old one.</li>
 *   <li>HELLO {@code 47 48 01 00 | ssrc | token}: a token equal (constant-time compare) to the session's binds the ssrc
 *       to the sender's address and channel and is answered with HELLO_ACK {@code 47 48 02 00 | ssrc}. A HELLO from
 *       a new address rebinds (NAT rebinding); resent every 5 s as keepalive.</li>
 *   <li>RTP (RFC 3550, version 2, at least 12 bytes, CSRC list within the datagram) from the bound address is
 *       forwarded unchanged to every other bound member of the channel.</li>
 * </ol>
 * Everything else is dropped and counted in {@code guildhall.voice.packets.dropped{reason}} with reason
 * {@code too_short, bad_version, malformed, bad_hello, bad_token, unknown_ssrc, unbound_ssrc, spoofed_source,
 * backpressure}. Sessions without any datagram for 30 s, and streams without RTP for 30 s, are dropped.
 *
 * <h2>Measurement</h2>
 * {@link dev.guildhall.core.voice.RtpStreamStatistics} per ssrc: RFC 3550 A.1/A.3 loss (extended highest sequence,
 * expected vs received per interval, never negative, duplicates ignored) and A.8 interarrival jitter at 48 kHz in ms.
 * Every sample interval (5 s) each active stream yields one {@code voice.quality} event on
 * {@code guildhall.voice.quality}, key = guild id, published from a separate thread so Kafka never blocks the
 * event loop: loss, late packets, jitter, payload bitrate, RTT and an {@link dev.guildhall.core.voice.EModel} MOS.
 * RTT: 8-byte client keepalives are echoed ({@link dev.guildhall.core.voice.KeepaliveHandler}); clients that send
 * them get an 8-byte probe {@code "GHRT" | id} every second ({@link dev.guildhall.core.voice.RttProber}), and the
 * echo of the outstanding probe is one RTT sample ({@link dev.guildhall.core.voice.RoundTrip}); docs/api.md,
 * "Voice telemetry".
 *
 * <h2>Metrics</h2>
 * {@code guildhall.voice.packets.in}, {@code .packets.forwarded}, {@code .packets.dropped{reason}},
 * {@code .bytes.in}, {@code .bytes.forwarded}, {@code .hellos.accepted}, {@code .streams.active},
 * {@code .sessions}, {@code .sessions.bound}, {@code .sessions.expired}, {@code .quality.samples.published},
 * {@code .quality.samples.failed}, {@code .keepalives.echoed}, {@code .rtt.probes.sent},
 * {@code .rtt.probes.answered}; all tagged {@code region}, {@code voice_server}.
 */
package dev.guildhall.core.voice;
