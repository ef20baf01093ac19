package wharf.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A token realm as the distribution token spec describes it, on 127.0.0.1: it checks Basic
 * credentials (or an OAuth refresh token it issued) and answers with a JWT signed RS256 by a
 * self-signed certificate that the registry's {@code rootcertbundle} trusts ({@code x5c} header).
 * A known user gets the actions asked for; anyone else a token granting nothing. Wrong
 * credentials get Docker Hub's 401 {@code {"details": "incorrect username or password"}}.
 */
public final class TokenIssuer implements AutoCloseable {
    public static final String ISSUER = "wharf-test-issuer";
    public static final String SERVICE = "wharf-test-registry";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request the realm saw. */
    public record Request(String method, String user, List<String> scopes, boolean offline) {
    }

    private final HttpServer server;
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final Map<String, String> users;
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** @param users user name to password */
    public TokenIssuer(Map<String, String> users) throws IOException, GeneralSecurityException {
        this.users = Map.copyOf(users);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        this.keys = generator.generateKeyPair();
        this.certificate = selfSigned(keys);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::handle);
        server.start();
    }

    public String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The signing certificate as PEM, for the registry's {@code rootcertbundle}. */
    public void writeCertificate(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(certificate);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> params = new LinkedHashMap<>();
            parse(exchange.getRequestURI().getRawQuery(), params);
            if (exchange.getRequestMethod().equals("POST")) {
                parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), params);
            }
            String user = null;
            boolean offline = "true".equals(first(params, "offline_token")) || "offline".equals(first(params, "access_type"));
            if (exchange.getRequestMethod().equals("POST")) {
                user = refreshTokens.get(first(params, "refresh_token"));
                if (!"refresh_token".equals(first(params, "grant_type")) || user == null) {
                    reply(exchange, 401, Map.of("details", "invalid refresh token"));
                    return;
                }
            } else {
                String header = exchange.getRequestHeaders().getFirst("Authorization");
                if (header != null && header.startsWith("Basic ")) {
                    String[] pair = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8)
                            .split(":", 2);
                    if (pair.length != 2 || !pair[1].equals(users.get(pair[0]))) {
                        requests.add(new Request("GET", pair[0], List.of(), offline));
                        reply(exchange, 401, Map.of("details", "incorrect username or password"));
                        return;
                    }
                    user = pair[0];
                }
            }
            List<String> scopes = new ArrayList<>();
            params.getOrDefault("scope", List.of()).forEach(s -> scopes.addAll(List.of(s.split(" "))));
            requests.add(new Request(exchange.getRequestMethod(), user, scopes, offline));
            if (!SERVICE.equals(first(params, "service"))) {
                reply(exchange, 400, Map.of("details", "unknown service"));
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            String token = jwt(user, user == null ? List.of() : scopes);
            body.put("token", token);
            body.put("access_token", token);
            body.put("expires_in", 300);
            body.put("issued_at", Instant.now().toString());
            if (offline && user != null) {
                String refresh = "rt-" + UUID.randomUUID();
                refreshTokens.put(refresh, user);
                body.put("refresh_token", refresh);
            }
            reply(exchange, 200, body);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** A JWT as distribution's token auth verifies it: RS256, x5c, iss, aud, exp, nbf, access. */
    private String jwt(String subject, List<String> scopes) throws GeneralSecurityException, IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", "JWT");
        header.put("alg", "RS256");
        header.put("x5c", List.of(Base64.getEncoder().encodeToString(certificate.getEncoded())));
        long now = Instant.now().getEpochSecond();
        List<Map<String, Object>> access = new ArrayList<>();
        for (String scope : scopes) {
            String[] parts = scope.split(":");
            if (parts.length == 3) {
                access.add(Map.of("type", parts[0], "name", parts[1], "actions", List.of(parts[2].split(","))));
            }
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", subject == null ? "" : subject);
        claims.put("aud", SERVICE);
        claims.put("exp", now + 300);
        claims.put("nbf", now - 10);
        claims.put("iat", now);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("access", access);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                + b64.encodeToString(JSON.writeValueAsBytes(claims));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(keys.getPrivate());
        rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64.encodeToString(rs256.sign());
    }

    private static X509Certificate selfSigned(KeyPair keys) throws GeneralSecurityException {
        try {
            X500Principal name = new X500Principal("CN=" + ISSUER);
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        } catch (org.bouncycastle.operator.OperatorCreationException | org.bouncycastle.cert.CertIOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void parse(String query, Map<String, List<String>> into) {
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            into.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
    }

    private static String first(Map<String, List<String>> params, String key) {
        List<String> values = params.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
