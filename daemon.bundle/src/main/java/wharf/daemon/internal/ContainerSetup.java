package wharf.daemon.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.SystemError;
import wharf.engine.api.container.HostConfig;
import wharf.engine.api.container.MountPoint;
import wharf.engine.api.image.ContainerConfig;
import wharf.runtime.api.MountSpec;
import wharf.runtime.api.ProcessSpec;
import wharf.runtime.api.Resources;
import wharf.runtime.api.RuntimeSpec;
import wharf.runtime.api.Seccomp;

/**
 * What create does with a request before anything is written: the image's config merged in
 * (moby's {@code merge}), the host config checked and completed as dockerd does, and the runtime
 * spec and mount points derived from both.
 */
final class ContainerSetup {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerSetup.class);
    static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    static final long DEFAULT_SHM_SIZE = 64L * 1024 * 1024;
    private static final long MIN_MEMORY = 6L * 1024 * 1024;
    private static final long CPU_PERIOD = 100_000;
    private static final Set<String> NETWORK_MODES = Set.of("default", "bridge", "host", "none");
    private static final Set<String> BIND_MODES = Set.of("ro", "rw", "z", "Z", "private", "rprivate", "shared",
            "rshared", "slave", "rslave", "nocopy");
    private static final List<String> STANDARD_FILES = List.of("hostname", "hosts", "resolv.conf");

    private ContainerSetup() {
    }

    /** moby's {@code merge}: the request's config over the image's. */
    static ContainerConfig merge(ContainerConfig user, ContainerConfig image) {
        List<String> env = user.env();
        if (env == null || env.isEmpty()) {
            env = image.env();
        } else if (image.env() != null) {
            env = new ArrayList<>(env);
            for (String imageEnv : image.env()) {
                String key = key(imageEnv);
                if (env.stream().noneMatch(e -> key(e).equals(key))) {
                    env.add(imageEnv);
                }
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (image.labels() != null) {
            labels.putAll(image.labels());
        }
        if (user.labels() != null) {
            labels.putAll(user.labels());
        }
        List<String> cmd = user.cmd();
        List<String> entrypoint = user.entrypoint();
        boolean argsEscaped = user.argsEscaped();
        // an Entrypoint given resets the image's Cmd; an empty one also drops the image's Entrypoint
        if (entrypoint == null || entrypoint.isEmpty()) {
            if (cmd == null || cmd.isEmpty()) {
                cmd = image.cmd();
                argsEscaped = image.argsEscaped();
            }
            if (entrypoint == null) {
                entrypoint = image.entrypoint();
            }
        }
        return new ContainerConfig(user.hostname(), user.domainname(),
                user.user().isEmpty() ? image.user() : user.user(), user.attachStdin(), user.attachStdout(),
                user.attachStderr(), union(image.exposedPorts(), user.exposedPorts()), user.tty(), user.openStdin(),
                user.stdinOnce(), env, cmd, user.healthcheck() == null ? image.healthcheck() : user.healthcheck(),
                argsEscaped, user.image(), union(image.volumes(), user.volumes()),
                user.workingDir().isEmpty() ? image.workingDir() : user.workingDir(), entrypoint,
                user.networkDisabled(), user.macAddress(), user.onBuild(), labels,
                user.stopSignal() == null || user.stopSignal().isEmpty() ? image.stopSignal() : user.stopSignal(),
                user.stopTimeout(), user.shell() == null || user.shell().isEmpty() ? image.shell() : user.shell());
    }

    private static String key(String env) {
        int eq = env.indexOf('=');
        return eq < 0 ? env : env.substring(0, eq);
    }

    private static Map<String, Map<String, Object>> union(Map<String, Map<String, Object>> image,
            Map<String, Map<String, Object>> user) {
        if ((image == null || image.isEmpty()) && (user == null || user.isEmpty())) {
            return user;
        }
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        if (image != null) {
            all.putAll(image);
        }
        if (user != null) {
            all.putAll(user);
        }
        return all;
    }

    /** The command line: Entrypoint then Cmd, split into Path and Args. */
    static List<String> command(ContainerConfig config) {
        List<String> argv = new ArrayList<>();
        if (config.entrypoint() != null) {
            argv.addAll(config.entrypoint());
        }
        if (config.cmd() != null) {
            argv.addAll(config.cmd());
        }
        if (argv.isEmpty()) {
            throw new InvalidParameterError("No command specified");
        }
        return argv;
    }

    /** dockerd's checks of a host config (moby's {@code verifyContainerSettings}), all 400s but the network's 404. */
    static void validate(HostConfig hc) {
        HostConfig.RestartPolicy policy = hc.restartPolicy();
        switch (policy.name()) {
            case "always", "unless-stopped", "no" -> {
                if (policy.maximumRetryCount() != 0) {
                    throw new InvalidParameterError(
                            "maximum retry count cannot be used with restart policy '" + policy.name() + "'");
                }
            }
            case "on-failure" -> {
                if (policy.maximumRetryCount() < 0) {
                    throw new InvalidParameterError("maximum retry count cannot be negative");
                }
            }
            default -> throw new InvalidParameterError("invalid restart policy '" + policy.name() + "'");
        }
        if (hc.autoRemove() && !policy.name().equals("no")) {
            throw new InvalidParameterError("can't create 'AutoRemove' container with restart policy");
        }
        if (!NETWORK_MODES.contains(hc.networkMode())) {
            throw new NotFoundError("network " + hc.networkMode() + " not found");
        }
        if (hc.memory() < 0 || hc.memory() > 0 && hc.memory() < MIN_MEMORY) {
            throw new InvalidParameterError("Minimum memory limit allowed is 6MB");
        }
        if (hc.memory() > 0 && hc.memorySwap() > 0 && hc.memorySwap() < hc.memory()) {
            throw new InvalidParameterError(
                    "Minimum memoryswap limit should be larger than memory limit, see usage");
        }
        if (hc.memory() == 0 && hc.memorySwap() > 0) {
            throw new InvalidParameterError(
                    "You should always set the Memory limit when using Memoryswap limit, see usage");
        }
        if (hc.shmSize() < 0) {
            throw new InvalidParameterError("SHM size can not be less than 0");
        }
        if (hc.cpuShares() < 0) {
            throw new InvalidParameterError("invalid CPU shares: " + hc.cpuShares());
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        if (hc.nanoCpus() < 0 || hc.nanoCpus() > cpus * 1_000_000_000L) {
            throw new InvalidParameterError("Range of CPUs is from 0.01 to " + cpus + ".00, as there are only "
                    + cpus + " CPUs available");
        }
        if (hc.nanoCpus() > 0 && hc.cpuPeriod() > 0) {
            throw new InvalidParameterError("Conflicting options: Nano CPUs and CPU Period cannot both be set");
        }
        if (hc.nanoCpus() > 0 && hc.cpuQuota() > 0) {
            throw new InvalidParameterError("Conflicting options: Nano CPUs and CPU Quota cannot both be set");
        }
        if (hc.cpuQuota() < 0 && hc.cpuQuota() != -1 || hc.cpuQuota() > 0 && hc.cpuQuota() < 1000) {
            throw new InvalidParameterError("CPU cfs quota can not be less than 1ms (i.e. 1000)");
        }
        if (hc.cpuPeriod() != 0 && (hc.cpuPeriod() < 1000 || hc.cpuPeriod() > 1_000_000)) {
            throw new InvalidParameterError("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        }
        SecurityOptions.parse(hc.securityOpt());
    }

    /**
     * {@code HostConfig.SecurityOpt} as dockerd reads it (moby's {@code parseSecurityOpt}). Its
     * errors are 500s, as dockerd's plain errors are. A custom seccomp profile is checked when the
     * runtime builds the container's bundle.
     */
    record SecurityOptions(Seccomp seccomp, boolean noNewPrivileges) {
        static SecurityOptions parse(List<String> options) {
            Seccomp seccomp = Seccomp.DEFAULT;
            boolean noNewPrivileges = false;
            for (String option : options == null ? List.<String>of() : options) {
                if (option.equals("no-new-privileges")) {
                    noNewPrivileges = true;
                    continue;
                }
                if (option.equals("disable")) {
                    LOG.warn("Ignoring --security-opt {}: this host has no SELinux labels", option);
                    continue;
                }
                int separator = option.indexOf('=');
                if (separator < 0) {
                    // the old separator, which dockerd still takes
                    separator = option.indexOf(':');
                }
                if (separator < 0) {
                    throw new SystemError("invalid --security-opt 1: \"" + option + "\"");
                }
                String value = option.substring(separator + 1);
                switch (option.substring(0, separator)) {
                    case "seccomp" -> seccomp = value.isEmpty() ? Seccomp.DEFAULT
                            : value.equals("unconfined") ? Seccomp.UNCONFINED : Seccomp.custom(value);
                    case "no-new-privileges" -> noNewPrivileges = goBool(value, option);
                    // as dockerd on a host without AppArmor or SELinux: accepted, nothing to apply
                    case "apparmor", "label" -> LOG.warn("Ignoring --security-opt {}: this host has no {}", option,
                            option.startsWith("apparmor") ? "AppArmor" : "SELinux labels");
                    default -> throw new SystemError("invalid --security-opt 2: \"" + option + "\"");
                }
            }
            return new SecurityOptions(seccomp, noNewPrivileges);
        }

        /** Go's strconv.ParseBool, which dockerd reads no-new-privileges' value with. */
        private static boolean goBool(String value, String option) {
            return switch (value) {
                case "1", "t", "T", "TRUE", "true", "True" -> true;
                case "0", "f", "F", "FALSE", "false", "False" -> false;
                default -> throw new SystemError("invalid --security-opt 2: \"" + option + "\"");
            };
        }
    }

    /** The host config as dockerd keeps it: swap twice the memory when unset, /dev/shm 64 MiB by default. */
    static HostConfig complete(HostConfig hc) {
        long swap = hc.memory() > 0 && hc.memorySwap() == 0 ? hc.memory() * 2 : hc.memorySwap();
        long shm = hc.shmSize() == 0 ? DEFAULT_SHM_SIZE : hc.shmSize();
        return new HostConfig(hc.binds(), hc.containerIdFile(), hc.logConfig(), hc.networkMode(), hc.portBindings(),
                hc.restartPolicy(), hc.autoRemove(), hc.volumeDriver(), hc.volumesFrom(), hc.consoleSize(), hc.capAdd(),
                hc.capDrop(), hc.cgroupnsMode(), hc.dns(), hc.dnsOptions(), hc.dnsSearch(), hc.extraHosts(),
                hc.groupAdd(), hc.ipcMode(), hc.cgroup(), hc.links(), hc.oomScoreAdj(), hc.pidMode(), hc.privileged(),
                hc.publishAllPorts(), hc.readonlyRootfs(), hc.securityOpt(), hc.tmpfs(), hc.utsMode(), hc.usernsMode(),
                shm, hc.runtime(), hc.isolation(), hc.cpuShares(), hc.memory(), hc.nanoCpus(), hc.cgroupParent(),
                hc.cpuPeriod(), hc.cpuQuota(), hc.cpusetCpus(), hc.cpusetMems(), hc.devices(), hc.memoryReservation(),
                swap, hc.memorySwappiness(), hc.oomKillDisable(), hc.pidsLimit(), hc.ulimits(), hc.mounts(),
                hc.maskedPaths(), hc.readonlyPaths(), hc.init());
    }

    /** Mounts in the container and as inspect shows them. */
    record Mounts(List<MountSpec> specs, List<MountPoint> points) {
    }

    /**
     * Binds ({@code src:dst[:opts]}, src absolute), {@code Mounts} (bind and tmpfs), the
     * {@code Tmpfs} map, then the container's hostname, hosts and resolv.conf unless one of those
     * already covers its path.
     */
    static Mounts mounts(HostConfig hc, Path dir) {
        List<MountSpec> specs = new ArrayList<>();
        List<MountPoint> points = new ArrayList<>();
        for (String bind : hc.binds() == null ? List.<String>of() : hc.binds()) {
            bind(bind, specs, points);
        }
        for (HostConfig.Mount m : hc.mounts() == null ? List.<HostConfig.Mount>of() : hc.mounts()) {
            mount(m, specs, points);
        }
        if (hc.tmpfs() != null) {
            hc.tmpfs().forEach((dst, opts) -> {
                absolute(dst, "tmpfs");
                specs.add(tmpfs(dst, opts == null ? "" : opts));
            });
        }
        for (String file : STANDARD_FILES) {
            String dst = "/etc/" + file;
            if (specs.stream().noneMatch(s -> s.destination().equals(dst))) {
                specs.add(MountSpec.bind(dir.resolve(file).toString(), dst, false));
            }
        }
        return new Mounts(specs, points);
    }

    private static void bind(String bind, List<MountSpec> specs, List<MountPoint> points) {
        String[] parts = bind.split(":");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new InvalidParameterError("invalid volume specification: '" + bind + "'");
        }
        String src = parts[0];
        String dst = parts[1];
        if (!src.startsWith("/")) {
            throw new InvalidParameterError("invalid volume specification: '" + bind
                    + "': named volumes are not supported yet, bind an absolute host path");
        }
        absolute(dst, "bind");
        String mode = parts.length == 3 ? parts[2] : "";
        boolean readOnly = false;
        String propagation = "rprivate";
        for (String opt : mode.isEmpty() ? new String[0] : mode.split(",")) {
            if (!BIND_MODES.contains(opt)) {
                throw new InvalidParameterError("invalid mode: " + mode);
            }
            if (opt.equals("ro")) {
                readOnly = true;
            } else if (opt.contains("private") || opt.contains("shared") || opt.contains("slave")) {
                propagation = opt;
            }
        }
        // dockerd creates a missing host dir for -v binds (but not for --mount)
        try {
            Files.createDirectories(Path.of(src));
        } catch (java.io.IOException e) {
            throw new InvalidParameterError("error while creating mount source path '" + src + "': " + e.getMessage());
        }
        specs.add(MountSpec.bind(src, dst, readOnly));
        points.add(new MountPoint("bind", "", src, dst, "", mode, !readOnly, propagation));
    }

    private static void mount(HostConfig.Mount m, List<MountSpec> specs, List<MountPoint> points) {
        String type = m.type() == null ? "" : m.type();
        switch (type) {
            case "bind" -> {
                absolute(m.target(), "bind");
                if (m.source() == null || !m.source().startsWith("/")) {
                    throw new InvalidParameterError("invalid mount config for type \"bind\": invalid mount path: '"
                            + m.source() + "' mount path must be absolute");
                }
                if (!Files.exists(Path.of(m.source()))) {
                    throw new InvalidParameterError("invalid mount config for type \"bind\": bind source path does not exist: "
                            + m.source());
                }
                specs.add(MountSpec.bind(m.source(), m.target(), m.readOnly()));
                points.add(new MountPoint("bind", "", m.source(), m.target(), "", "", !m.readOnly(), "rprivate"));
            }
            case "tmpfs" -> {
                absolute(m.target(), "tmpfs");
                List<String> opts = new ArrayList<>();
                if (m.tmpfsOptions() != null && m.tmpfsOptions().sizeBytes() > 0) {
                    opts.add("size=" + m.tmpfsOptions().sizeBytes());
                }
                if (m.tmpfsOptions() != null && m.tmpfsOptions().mode() != 0) {
                    opts.add("mode=" + Integer.toOctalString(m.tmpfsOptions().mode()));
                }
                if (m.readOnly()) {
                    opts.add("ro");
                }
                specs.add(tmpfs(m.target(), String.join(",", opts)));
                points.add(new MountPoint("tmpfs", "", "", m.target(), "", "", !m.readOnly(), ""));
            }
            case "volume" -> throw new InvalidParameterError("mount type \"volume\" is not supported yet");
            default -> throw new InvalidParameterError("mount type unknown: \"" + type + "\"");
        }
    }

    private static void absolute(String path, String type) {
        if (path == null || !path.startsWith("/")) {
            throw new InvalidParameterError("invalid mount config for type \"" + type + "\": invalid mount path: '"
                    + path + "' mount path must be absolute");
        }
        if (path.equals("/")) {
            throw new InvalidParameterError("invalid specification: destination can't be '/'");
        }
    }

    /** dockerd's tmpfs defaults (noexec, nosuid, nodev) with the request's options over them. */
    static MountSpec tmpfs(String dst, String data) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (String opt : ("noexec,nosuid,nodev" + (data.isEmpty() ? "" : "," + data)).split(",")) {
            int eq = opt.indexOf('=');
            String key = eq >= 0 ? opt.substring(0, eq) : flagKey(opt);
            merged.remove(key);
            merged.put(key, opt);
        }
        return new MountSpec(dst, "tmpfs", "tmpfs", List.copyOf(merged.values()));
    }

    /** {@code exec}/{@code noexec} and the like are one setting; the last one named wins. */
    private static String flagKey(String opt) {
        return switch (opt) {
            case "exec", "noexec" -> "exec";
            case "suid", "nosuid" -> "suid";
            case "dev", "nodev" -> "dev";
            case "ro", "rw" -> "rw";
            case "atime", "noatime" -> "atime";
            default -> opt;
        };
    }

    /** The main process's environment as dockerd builds it: PATH, HOSTNAME, TERM with a tty, then the config's. */
    static List<String> processEnv(ContainerConfig config) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", DEFAULT_PATH);
        env.put("HOSTNAME", "HOSTNAME=" + config.hostname());
        if (config.tty()) {
            env.put("TERM", "TERM=xterm");
        }
        for (String e : config.env() == null ? List.<String>of() : config.env()) {
            env.put(key(e), e.contains("=") ? e : e + "=");
        }
        return List.copyOf(env.values());
    }

    static Resources resources(HostConfig hc) {
        long period = hc.cpuPeriod();
        long quota = hc.cpuQuota();
        if (hc.nanoCpus() > 0) {
            period = CPU_PERIOD;
            quota = hc.nanoCpus() * CPU_PERIOD / 1_000_000_000L;
        }
        return new Resources(hc.memory(), hc.memorySwap(), hc.cpuShares(), period, quota,
                hc.pidsLimit() == null ? 0 : hc.pidsLimit());
    }

    static RuntimeSpec spec(ContainerRecord record, List<Path> layers, List<MountSpec> mounts, Path dir) {
        ContainerConfig config = record.config();
        HostConfig hc = record.hostConfig();
        List<Integer> size = hc.consoleSize();
        ProcessSpec process = new ProcessSpec(command(config), processEnv(config),
                config.workingDir().isEmpty() ? "/" : config.workingDir(), config.user(), config.tty(),
                size.size() > 0 ? size.get(0) : 0, size.size() > 1 ? size.get(1) : 0);
        SecurityOptions options = SecurityOptions.parse(hc.securityOpt());
        RuntimeSpec.Security security = new RuntimeSpec.Security(hc.privileged(),
                hc.capAdd() == null ? List.of() : hc.capAdd(), hc.capDrop() == null ? List.of() : hc.capDrop(),
                options.seccomp(), options.noNewPrivileges());
        return new RuntimeSpec(record.id(), layers, process, config.hostname(), hc.readonlyRootfs(), mounts,
                hc.shmSize(), resources(hc), security, hc.networkMode().equals("host"), config.openStdin(),
                config.stdinOnce(), Boolean.TRUE.equals(hc.init()), dir, record.log());
    }

    /** The config with its hostname set, as inspect shows it. */
    static ContainerConfig withHostname(ContainerConfig c, String hostname) {
        return new ContainerConfig(hostname, c.domainname(), c.user(), c.attachStdin(), c.attachStdout(),
                c.attachStderr(), c.exposedPorts(), c.tty(), c.openStdin(), c.stdinOnce(), c.env(), c.cmd(),
                c.healthcheck(), c.argsEscaped(), c.image(), c.volumes(), c.workingDir(), c.entrypoint(),
                c.networkDisabled(), c.macAddress(), c.onBuild(), c.labels(), c.stopSignal(), c.stopTimeout(),
                c.shell());
    }
}
