package wharf.server.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A request's body as {@link AuthorizationPolicy authorization policies} read it. The server reads
 * the body from the client only when a policy first opens it, keeps the bytes (in memory up to
 * 1 MiB, in a temporary file readable only by the daemon beyond that, deleted when the request
 * ends) and hands the handler the same bytes afterwards. A policy that never opens the body costs
 * nothing, and a large upload ({@code docker load}, a build context) is read in full before the
 * handler starts only when a policy asks for it.
 * <p>
 * A request that takes over its connection ({@code Upgrade: tcp}, as attach and exec start do) has
 * no body for policies: what the client sends behind its headers is a live stream for the
 * container, which cannot be read to its end before the request is allowed. Its body is
 * {@link #withheld()} and reads as empty; policies decide on the method, the URI and the headers.
 */
@ProviderType
public interface RequestBody {
    /**
     * A stream over the whole body from its first byte; every call opens a new one. The first call
     * reads the body from the client, so it waits for the upload to end. Open it during
     * {@link AuthorizationPolicy#authorize}: by {@link AuthorizationPolicy#onResponse} the handler
     * has consumed a body no policy opened, and this throws {@link IllegalStateException}.
     */
    InputStream open() throws IOException;

    /** True for a request that takes over its connection: its body is a live stream and reads as empty here. */
    boolean withheld();

    /** A body of these bytes, for tests of a policy. */
    static RequestBody of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new RequestBody() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(copy);
            }

            @Override
            public boolean withheld() {
                return false;
            }
        };
    }

    /** No body. */
    static RequestBody empty() {
        return of(new byte[0]);
    }
}
