package wharf.transport.tcp.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import wharf.server.transport.ListenerException;
import wharf.server.transport.ListenerSpec;

/**
 * The server side of Docker's TLS, loaded once from the PEM files into in-memory PKCS12 stores:
 * the key pair and, when clients must present a certificate, the CAs that issue them.
 */
final class ServerTls {
    /** The protocols offered; dockerd's minimum is TLS 1.2 too. */
    static final String[] PROTOCOLS = {"TLSv1.2", "TLSv1.3"};

    private final KeyStore keyStore;
    private final KeyStore trustStore;
    private final String password;

    private ServerTls(KeyStore keyStore, KeyStore trustStore, String password) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
        this.password = password;
    }

    /**
     * Reads {@code cert.pem}, {@code key.pem} and, when verifying, {@code ca.pem}.
     *
     * @throws ListenerException naming the file that is missing, unreadable or does not fit
     */
    static ServerTls load(String uri, ListenerSpec.Tls tls) throws ListenerException {
        String prefix = uri + ": invalid TLS configuration: ";
        if (tls.cert() == null || tls.key() == null) {
            throw new ListenerException(prefix + "TLS needs a certificate (cert.pem) and its key (key.pem)");
        }
        if (tls.verify() && tls.ca() == null) {
            throw new ListenerException(prefix + "verifying clients needs the CA that issues their certificates (ca.pem)");
        }
        List<X509Certificate> chain;
        PrivateKey key;
        try {
            chain = PemFiles.certificates(tls.cert());
            key = PemFiles.privateKey(tls.key());
            PemFiles.requireMatch(key, chain.get(0));
        } catch (IOException e) {
            throw new ListenerException(prefix + String.format("could not load X509 key pair (cert: \"%s\", key: \"%s\"): %s",
                    tls.cert(), tls.key(), e.getMessage()), e);
        }
        List<X509Certificate> authorities = null;
        if (tls.verify()) {
            try {
                authorities = PemFiles.certificates(tls.ca());
            } catch (IOException e) {
                throw new ListenerException(prefix + "could not read CA certificate \"" + tls.ca() + "\": " + e.getMessage(), e);
            }
        }
        try {
            String password = newPassword();
            return new ServerTls(keyStore(key, chain, password), authorities == null ? null : trustStore(authorities), password);
        } catch (GeneralSecurityException | IOException e) {
            throw new ListenerException(prefix + "cannot build the key store: " + e.getMessage(), e);
        }
    }

    /** Whether clients must present a certificate from the CA. */
    boolean verifiesClients() {
        return trustStore != null;
    }

    /** A fresh factory for one connector: Jetty stops it with the connector, and a restarted Jetty asks again. */
    SslContextFactory.Server newSslContextFactory() {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(keyStore);
        ssl.setKeyStorePassword(password);
        ssl.setIncludeProtocols(PROTOCOLS);
        if (trustStore != null) {
            ssl.setTrustStore(trustStore);
            ssl.setNeedClientAuth(true);
        }
        return ssl;
    }

    /**
     * The shared configuration plus what HTTPS adds: the request is marked secure and carries the
     * client's certificate chain ({@code jakarta.servlet.request.X509Certificate}) for authorization.
     */
    static HttpConfiguration https(HttpConfiguration shared) {
        HttpConfiguration https = new HttpConfiguration(shared);
        // clients reach dockerd by addresses and names the certificate need not list; don't answer 400 for it
        https.addCustomizer(new SecureRequestCustomizer(false));
        return https;
    }

    private static KeyStore keyStore(PrivateKey key, List<X509Certificate> chain, String password)
            throws GeneralSecurityException, IOException {
        KeyStore store = emptyStore();
        store.setKeyEntry("server", key, password.toCharArray(), chain.toArray(X509Certificate[]::new));
        return store;
    }

    private static KeyStore trustStore(List<X509Certificate> authorities) throws GeneralSecurityException, IOException {
        KeyStore store = emptyStore();
        for (int i = 0; i < authorities.size(); i++) {
            store.setCertificateEntry("ca-" + i, authorities.get(i));
        }
        return store;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    /** The stores live only in memory; the password just satisfies the KeyStore API. */
    private static String newPassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }
}
