package wharf.server.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Wharf API listener", description = "One more API listener beside the -H ones, opened"
        + " while this configuration exists (deploy/wharf.listeners-NAME.cfg) and changed or closed with it.")
@interface ListenerConfig {
    String PID = "wharf.listeners";

    @AttributeDefinition(name = "Address", description = "unix:///path or tcp://host:port, as -H takes it.")
    String address();

    @AttributeDefinition(name = "TLS", description = "Serve TLS (tcp only), as --tls.")
    boolean tls() default false;

    @AttributeDefinition(name = "Verify clients", description = "Require client certificates issued by the CA, as"
            + " --tlsverify.")
    boolean tlsVerify() default false;

    @AttributeDefinition(name = "Plain tcp on a public address", description = "Allow tcp without TLS on a"
            + " non-loopback address, as --tls=false does.")
    boolean tlsOff() default false;

    @AttributeDefinition(name = "CA certificate", description = "ca.pem, the issuer of client certificates.")
    String tlsCaCert() default "";

    @AttributeDefinition(name = "Certificate", description = "The server's cert.pem.")
    String tlsCert() default "";

    @AttributeDefinition(name = "Key", description = "The server's key.pem.")
    String tlsKey() default "";

    @AttributeDefinition(name = "Socket group", description = "The group of a unix socket; empty for the default.")
    String group() default "";
}
