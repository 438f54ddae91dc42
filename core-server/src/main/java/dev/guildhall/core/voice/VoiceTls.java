package dev.guildhall.core.voice;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.SSLException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The voice gateway's TLS identity: Discord clients (JDA among them) always open {@code wss://} to the voice
 * endpoint, so the voice gateway speaks TLS. Without a configured certificate a self-signed one (EC P-256,
 * SHA256withECDSA, SAN = the announced host, localhost and 127.0.0.1, valid one year) is generated at start with
 * Bouncy Castle; clients must trust it explicitly (tests do).
 */
final class VoiceTls {
    private final X509Certificate certificate;
    private final SslContext context;

    private VoiceTls(X509Certificate certificate, SslContext context) {
        this.certificate = certificate;
        this.context = context;
    }

    static VoiceTls selfSigned(String host) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=guildhall-voice");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(365))), name, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                    new GeneralName(GeneralName.dNSName, host),
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            SslContext ctx = SslContextBuilder.forServer(keys.getPrivate(), cert).build();
            return new VoiceTls(cert, ctx);
        } catch (GeneralSecurityException | SSLException | org.bouncycastle.operator.OperatorCreationException
                 | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException("cannot create the voice gateway's TLS certificate", e);
        }
    }

    X509Certificate certificate() {
        return certificate;
    }

    SslContext context() {
        return context;
    }
}
