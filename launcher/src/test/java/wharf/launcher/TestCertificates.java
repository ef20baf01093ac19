package wharf.launcher;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Docker-style TLS material for tests, as `docker-machine` or the docs' openssl recipe makes it:
 * a CA, a server certificate for 127.0.0.1 and localhost, and a client certificate.
 */
final class TestCertificates {
    private TestCertificates() {
    }

    /** Writes ca.pem, server-cert.pem, server-key.pem, and the client's cert.pem and key.pem. */
    static void write(Path dir) throws Exception {
        Files.createDirectories(dir);
        KeyPair caKeys = rsa();
        X509Certificate ca = sign(new X500Name("CN=Wharf test CA"), caKeys, caKeys.getPrivate(),
                new X500Name("CN=Wharf test CA"), true, null);
        KeyPair serverKeys = rsa();
        X509Certificate server = sign(new X500Name("CN=localhost"), serverKeys, caKeys.getPrivate(),
                new X500Name("CN=Wharf test CA"), false, KeyPurposeId.id_kp_serverAuth);
        KeyPair clientKeys = rsa();
        X509Certificate client = sign(new X500Name("CN=wharf-client"), clientKeys, caKeys.getPrivate(),
                new X500Name("CN=Wharf test CA"), false, KeyPurposeId.id_kp_clientAuth);
        pem(dir.resolve("ca.pem"), ca);
        pem(dir.resolve("server-cert.pem"), server);
        pem(dir.resolve("server-key.pem"), serverKeys.getPrivate());
        pem(dir.resolve("cert.pem"), client);
        pem(dir.resolve("key.pem"), clientKeys.getPrivate());
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, KeyPair keys, PrivateKey issuerKey, X500Name issuer,
            boolean isCa, KeyPurposeId purpose) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
                keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (isCa) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            if (purpose == KeyPurposeId.id_kp_serverAuth) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
            }
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    }

    private static void pem(Path file, Object value) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(value);
        }
        Files.writeString(file, out.toString());
    }
}
