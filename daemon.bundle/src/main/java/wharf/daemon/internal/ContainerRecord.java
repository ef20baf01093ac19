package wharf.daemon.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;

import wharf.engine.api.container.ContainerInspect;
import wharf.engine.api.container.HostConfig;
import wharf.engine.api.container.MountPoint;
import wharf.engine.api.image.ContainerConfig;

/**
 * One container as {@code config.v2.json} keeps it, with moby's field names. Immutable: every
 * change writes a new record, so readers take a consistent snapshot without locking.
 *
 * @param name with its leading {@code /}
 * @param imageId the image's ID ({@code sha256:…}); {@code Config.Image} keeps the name given
 * @param layers the image's layer dirs, lowest first (the GraphDriver's LowerDir)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ContainerRecord(
        @JsonProperty("ID") String id,
        @JsonProperty("Created") String created,
        @JsonProperty("Path") String path,
        @JsonProperty("Args") List<String> args,
        @JsonProperty("Config") ContainerConfig config,
        @JsonProperty("HostConfig") HostConfig hostConfig,
        @JsonProperty("Image") String imageId,
        @JsonProperty("Name") String name,
        @JsonProperty("State") ContainerInspect.State state,
        @JsonProperty("RestartCount") int restartCount,
        @JsonProperty("HasBeenStartedBefore") boolean startedBefore,
        @JsonProperty("HasBeenManuallyStopped") boolean manuallyStopped,
        @JsonProperty("LogPath") String logPath,
        @JsonProperty("HostnamePath") String hostnamePath,
        @JsonProperty("HostsPath") String hostsPath,
        @JsonProperty("ResolvConfPath") String resolvConfPath,
        @JsonProperty("Layers") List<String> layers,
        @JsonProperty("MountPoints") List<MountPoint> mounts) {

    ContainerRecord {
        args = args == null ? List.of() : List.copyOf(args);
        layers = layers == null ? List.of() : List.copyOf(layers);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
    }

    String bareName() {
        return Names.strip(name);
    }

    String status() {
        return state.status();
    }

    /** Running as moby counts it: paused and restarting containers run too. */
    boolean running() {
        return state.running();
    }

    Path log() {
        return Path.of(logPath);
    }

    ContainerRecord withState(ContainerInspect.State newState) {
        return new ContainerRecord(id, created, path, args, config, hostConfig, imageId, name, newState,
                restartCount, startedBefore, manuallyStopped, logPath, hostnamePath, hostsPath, resolvConfPath,
                layers, mounts);
    }

    ContainerRecord withRun(ContainerInspect.State newState, int newRestartCount, boolean newStartedBefore,
            boolean newManuallyStopped) {
        return new ContainerRecord(id, created, path, args, config, hostConfig, imageId, name, newState,
                newRestartCount, newStartedBefore, newManuallyStopped, logPath, hostnamePath, hostsPath,
                resolvConfPath, layers, mounts);
    }

    ContainerRecord withManuallyStopped(boolean stopped) {
        return withRun(state, restartCount, startedBefore, stopped);
    }

    ContainerRecord withName(String newName) {
        return new ContainerRecord(id, created, path, args, config, hostConfig, imageId, newName, state, restartCount,
                startedBefore, manuallyStopped, logPath, hostnamePath, hostsPath, resolvConfPath, layers, mounts);
    }

    ContainerRecord withHostConfig(HostConfig newHostConfig) {
        return new ContainerRecord(id, created, path, args, config, newHostConfig, imageId, name, state, restartCount,
                startedBefore, manuallyStopped, logPath, hostnamePath, hostsPath, resolvConfPath, layers, mounts);
    }
}
