package wharf.launcher.internal;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.LoggerFactory;

/**
 * The daemon's log level from the configuration {@value #PID} (for instance deploy/wharf.logging.cfg
 * with {@code level=debug}), applied live to JUL's root logger; without a level, the one of
 * {@code -D}/{@code -l}. Loggers that conf/logging.properties gives a level of their own keep it.
 * An unknown level is refused with an error and the level in force stays.
 */
@Component(configurationPid = LiveLogLevel.PID, immediate = true, service = {})
@Designate(ocd = LiveLogLevel.Config.class)
public final class LiveLogLevel {
    static final String PID = "wharf.logging";
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(LiveLogLevel.class);

    @ObjectClassDefinition(name = "Wharf logging",
            description = "The daemon's log level, changed without a restart.")
    @interface Config {
        @AttributeDefinition(required = false, description = "The level of every logger that"
                + " conf/logging.properties does not set; absent, the level of -D/--debug and -l/--log-level.",
                options = {
                    @Option(label = "debug", value = "debug"),
                    @Option(label = "info", value = "info"),
                    @Option(label = "warn", value = "warn"),
                    @Option(label = "error", value = "error"),
                    @Option(label = "fatal", value = "fatal")
                })
        String level();
    }

    /** JUL keeps its root logger for good, so holding it here keeps nothing alive. */
    private final Logger root = Logger.getLogger("");
    private final Level started;

    @Activate
    public LiveLogLevel(BundleContext context, Config config) {
        this(startedLevel(context.getProperty(DaemonOptions.PROPERTY)), config);
    }

    LiveLogLevel(Level started, Config config) {
        this.started = started;
        apply(config);
    }

    /** The flags' level; outside bin/wharf (an in-framework test), the level in force. */
    private static Level startedLevel(String options) {
        return options != null ? LogLevels.of(DaemonOptions.fromJson(options)) : Logger.getLogger("").getLevel();
    }

    @Modified
    void modified(Config config) {
        apply(config);
    }

    /** The configuration no longer applies: back to the flags' level. */
    @Deactivate
    void deactivate() {
        root.setLevel(started);
    }

    private void apply(Config config) {
        String name = config.level();
        if (name == null || name.isBlank()) {
            set(started, "-D/-l");
            return;
        }
        LogLevels.of(name).ifPresentOrElse(level -> set(level, PID),
                () -> LOG.error("Ignoring level \"{}\" of {}: want one of {}; the log level stays {}", name, PID,
                        LogLevels.NAMES, LogLevels.name(root.getLevel())));
    }

    private void set(Level level, String from) {
        if (!level.equals(root.getLevel())) {
            root.setLevel(level);
            LOG.info("Log level set to {} by {}", LogLevels.name(level), from);
        }
    }
}
