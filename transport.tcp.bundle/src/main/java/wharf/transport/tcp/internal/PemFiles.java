package wharf.transport.tcp.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads the PEM files Docker uses. Messages follow Go's, which dockerd shows for the same files
 * ({@code open /x/cert.pem: no such file or directory}).
 */
final class PemFiles {
    private static final byte[] PROBE = "wharf key pair check".getBytes(StandardCharsets.US_ASCII);

    private PemFiles() {
    }

    /** Every certificate in {@code file}, in order: a server's chain, or a set of CAs. */
    static List<X509Certificate> certificates(Path file) throws IOException {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = open(file)) {
            for (Object object = read(parser, file); object != null; object = read(parser, file)) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (CertificateException e) {
            throw new IOException("invalid certificate in " + file + ": " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IOException("no certificate found in " + file);
        }
        return certificates;
    }

    /** The private key in {@code file}: PKCS#1 RSA, SEC1 EC or PKCS#8, unencrypted as dockerd wants it. */
    static PrivateKey privateKey(Path file) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = open(file)) {
            // an EC key may come after an "EC PARAMETERS" block, which is skipped
            for (Object object = read(parser, file); object != null; object = read(parser, file)) {
                if (object instanceof PEMKeyPair pair) {
                    // only the private half: SEC1 leaves the public key optional
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new IOException("the private key in " + file + " is encrypted; it must not be");
                }
            }
        }
        throw new IOException("no private key found in " + file);
    }

    /**
     * Checks that {@code key} belongs to {@code certificate} by a signature it verifies: Jetty would
     * serve a mismatched pair and every handshake would fail without saying why.
     */
    static void requireMatch(PrivateKey key, X509Certificate certificate) throws IOException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(PROBE);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException mismatchedTypes) {
            // e.g. an EC key with an RSA certificate: not a pair either
        }
        throw new IOException("private key does not match public key");
    }

    private static PEMParser open(Path file) throws IOException {
        try {
            // PEM is ASCII; Latin-1 reads any stray byte around the blocks without failing
            return new PEMParser(Files.newBufferedReader(file, StandardCharsets.ISO_8859_1));
        } catch (NoSuchFileException e) {
            throw new IOException("open " + file + ": no such file or directory", e);
        } catch (AccessDeniedException e) {
            throw new IOException("open " + file + ": permission denied", e);
        }
    }

    private static Object read(PEMParser parser, Path file) throws IOException {
        try {
            return parser.readObject();
        } catch (IOException | RuntimeException e) {
            // Bouncy Castle reports bad base64 and bad DER as unchecked exceptions
            throw new IOException("malformed PEM data in " + file + ": " + e.getMessage(), e);
        }
    }
}
