package wharf.testing;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
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
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A throwaway PKI in Docker's shape, for tests: a CA, server certificates for 127.0.0.1 and
 * localhost, and a client certificate, written as the PEM files dockerd ({@code --tlscacert},
 * {@code --tlscert}, {@code --tlskey}) and the docker CLI ({@code DOCKER_CERT_PATH}) read, each
 * party in a directory of its own: {@code ca.pem}, {@code cert.pem}, {@code key.pem}. The server
 * key comes in every {@link KeyFormat} Docker accepts; {@link #clientContext} is the client side
 * for tests that speak TLS themselves.
 */
public final class TestCertificates {
    /** The client certificate's subject, which the server should see on the request. */
    public static final String CLIENT_SUBJECT = "CN=wharf-test-client,O=Wharf tests";

    /** How a private key is written; Docker accepts all of them. */
    public enum KeyFormat {
        /** RSA, PKCS#1 (openssl genrsa, 1.x). */
        RSA_PKCS1("RSA PRIVATE KEY"),
        /** RSA, PKCS#8 (openssl genpkey). */
        RSA_PKCS8("PRIVATE KEY"),
        /** EC P-256, SEC1 after an "EC PARAMETERS" block (openssl ecparam -genkey). */
        EC_SEC1("EC PRIVATE KEY"),
        /** EC P-256, PKCS#8. */
        EC_PKCS8("PRIVATE KEY");

        private final String pemType;

        KeyFormat(String pemType) {
            this.pemType = pemType;
        }

        /** The key's PEM block type: {@code -----BEGIN <type>-----}. */
        public String pemType() {
            return pemType;
        }

        boolean rsa() {
            return this == RSA_PKCS1 || this == RSA_PKCS8;
        }
    }

    /** Where one party's files went, named as Docker names them. */
    public record DockerTlsFiles(Path ca, Path cert, Path key) {
    }

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final KeyPair clientKeys;
    private final X509Certificate client;

    private TestCertificates(KeyPair caKeys, X509Certificate ca, KeyPair clientKeys, X509Certificate client) {
        this.caKeys = caKeys;
        this.ca = ca;
        this.clientKeys = clientKeys;
        this.client = client;
    }

    /** A new CA and a client certificate it issued. */
    public static TestCertificates create() throws GeneralSecurityException, IOException {
        KeyPair caKeys = ecKeys();
        X500Principal caName = new X500Principal("CN=wharf test CA,O=Wharf tests");
        X509v3CertificateBuilder caBuilder = builder(caName, caName, caKeys);
        caBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        caBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate ca = sign(caBuilder, caKeys.getPrivate());

        KeyPair clientKeys = ecKeys();
        X509v3CertificateBuilder clientBuilder = builder(new X500Principal(CLIENT_SUBJECT), caName, clientKeys);
        clientBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        clientBuilder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        return new TestCertificates(caKeys, ca, clientKeys, sign(clientBuilder, caKeys.getPrivate()));
    }

    /**
     * Writes {@code ca.pem}, {@code cert.pem} and {@code key.pem} for a server at 127.0.0.1 and
     * localhost, with a fresh key in {@code format}.
     */
    public DockerTlsFiles writeServer(Path dir, KeyFormat format) throws GeneralSecurityException, IOException {
        KeyPair keys = format.rsa() ? rsaKeys() : ecKeys();
        X509v3CertificateBuilder builder = builder(new X500Principal("CN=wharf test server"), ca.getSubjectX500Principal(), keys);
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.dNSName, "localhost")}));
        X509Certificate cert = sign(builder, caKeys.getPrivate());
        return write(dir, cert, keys, format);
    }

    /** Writes the client's {@code ca.pem}, {@code cert.pem} and {@code key.pem}: a {@code DOCKER_CERT_PATH}. */
    public DockerTlsFiles writeClient(Path dir) throws IOException {
        return write(dir, client, clientKeys, KeyFormat.EC_SEC1);
    }

    /** Writes the private key of {@code keys} to {@code file} in {@code format}. */
    public static void writeKey(Path file, KeyPair keys, KeyFormat format) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            switch (format) {
                // JcaPEMWriter writes a bare RSA key in its traditional form, PKCS#1
                case RSA_PKCS1 -> pem.writeObject(keys.getPrivate());
                case EC_SEC1 -> {
                    ECPrivateKey sec1 = sec1(keys);
                    pem.writeObject(new PemObject("EC PARAMETERS", sec1.getParametersObject().toASN1Primitive().getEncoded()));
                    pem.writeObject(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
                }
                case RSA_PKCS8, EC_PKCS8 -> pem.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
            }
        }
    }

    /** The client's key pair. */
    public KeyPair clientKeys() {
        return clientKeys;
    }

    /**
     * A client context that trusts the CA and, when {@code withCertificate}, presents the client
     * certificate.
     */
    public SSLContext clientContext(boolean withCertificate) throws GeneralSecurityException, IOException {
        char[] password = "test".toCharArray();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);

        KeyManagerFactory keyManagers = null;
        if (withCertificate) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", clientKeys.getPrivate(), password, new X509Certificate[] {client, ca});
            keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers != null ? keyManagers.getKeyManagers() : null, trustManagers.getTrustManagers(), null);
        return context;
    }

    private DockerTlsFiles write(Path dir, X509Certificate cert, KeyPair keys, KeyFormat format) throws IOException {
        Files.createDirectories(dir);
        DockerTlsFiles files = new DockerTlsFiles(dir.resolve("ca.pem"), dir.resolve("cert.pem"), dir.resolve("key.pem"));
        writeCertificate(files.ca(), ca);
        writeCertificate(files.cert(), cert);
        writeKey(files.key(), keys, format);
        return files;
    }

    private static void writeCertificate(Path file, X509Certificate cert) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(cert);
        }
    }

    /**
     * SEC1 as openssl writes it, with the curve and the public key; Bouncy Castle's writer leaves
     * the curve out of a JDK key, which no reader can use.
     */
    private static ECPrivateKey sec1(KeyPair keys) {
        PrivateKeyInfo pkcs8 = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
        ASN1Encodable curve = pkcs8.getPrivateKeyAlgorithm().getParameters();
        ASN1BitString point = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData();
        java.security.interfaces.ECPrivateKey key = (java.security.interfaces.ECPrivateKey) keys.getPrivate();
        return new ECPrivateKey(key.getParams().getOrder().bitLength(), key.getS(), point, curve);
    }

    private static X509v3CertificateBuilder builder(X500Principal subject, X500Principal issuer, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return generator.generateKeyPair();
    }

    private static KeyPair rsaKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, new SecureRandom());
        return generator.generateKeyPair();
    }
}
