package wharf.daemon.internal;

import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.container.HostConfig;
import wharf.engine.api.container.UpdateContainer;
import wharf.runtime.api.Resources;

/**
 * {@code docker update} as moby's {@code Container.UpdateContainer}: a zero field leaves the
 * value as it is, Nano CPUs and a CFS period or quota exclude each other across updates, and a
 * memory limit above the swap limit needs the swap limit with it.
 */
final class ContainerUpdates {
    private static final long CPU_PERIOD = 100_000;

    private ContainerUpdates() {
    }

    /**
     * The host config after the update. As dockerd, the request's own values are checked first as
     * create checks them (those messages come unprefixed), then against the container's.
     *
     * @throws InvalidParameterError a create's message, or {@code Cannot update container <id>: …}
     */
    static HostConfig apply(String id, HostConfig hc, UpdateContainer.Resources u) {
        // create's "set the Memory limit when using Memoryswap limit" is not an update's rule (moby's !update)
        UpdateContainer.Resources request = u.memory() == 0 && u.memorySwap() > 0 ? swapless(u) : u;
        ContainerSetup.validate(merge(HostConfig.empty(), request));
        refuseUnsupported(id, u);
        if (u.nanoCpus() > 0 && hc.cpuPeriod() > 0) {
            throw cannot(id, "Conflicting options: Nano CPUs cannot be updated as CPU Period has already been set");
        }
        if (u.nanoCpus() > 0 && hc.cpuQuota() > 0) {
            throw cannot(id, "Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set");
        }
        if (u.cpuPeriod() > 0 && hc.nanoCpus() > 0) {
            throw cannot(id, "Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set");
        }
        if (u.cpuQuota() > 0 && hc.nanoCpus() > 0) {
            throw cannot(id, "Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set");
        }
        if (u.memory() != 0 && u.memory() > hc.memorySwap() && u.memorySwap() == 0) {
            throw cannot(id, "Memory limit should be smaller than already set memoryswap limit, update the memoryswap "
                    + "at the same time");
        }
        if (hc.autoRemove() && u.restartPolicy() != null && !u.restartPolicy().name().isEmpty()
                && !u.restartPolicy().name().equals("no")) {
            throw cannot(id, "Restart policy cannot be updated because AutoRemove is enabled for the container");
        }
        return merge(hc, u);
    }

    /** The host config with the update's non-zero values; an empty restart policy name keeps the policy. */
    private static HostConfig merge(HostConfig hc, UpdateContainer.Resources u) {
        HostConfig.RestartPolicy policy = u.restartPolicy() == null || u.restartPolicy().name().isEmpty()
                ? hc.restartPolicy()
                : new HostConfig.RestartPolicy(u.restartPolicy().name(), u.restartPolicy().maximumRetryCount());
        return new HostConfig(hc.binds(), hc.containerIdFile(), hc.logConfig(), hc.networkMode(),
                hc.portBindings(), policy, hc.autoRemove(), hc.volumeDriver(), hc.volumesFrom(), hc.consoleSize(),
                hc.capAdd(), hc.capDrop(), hc.cgroupnsMode(), hc.dns(), hc.dnsOptions(), hc.dnsSearch(),
                hc.extraHosts(), hc.groupAdd(), hc.ipcMode(), hc.cgroup(), hc.links(), hc.oomScoreAdj(), hc.pidMode(),
                hc.privileged(), hc.publishAllPorts(), hc.readonlyRootfs(), hc.securityOpt(), hc.tmpfs(), hc.utsMode(),
                hc.usernsMode(), hc.shmSize(), hc.runtime(), hc.isolation(), or(u.cpuShares(), hc.cpuShares()),
                or(u.memory(), hc.memory()), or(u.nanoCpus(), hc.nanoCpus()), hc.cgroupParent(),
                or(u.cpuPeriod(), hc.cpuPeriod()), or(u.cpuQuota(), hc.cpuQuota()), hc.cpusetCpus(), hc.cpusetMems(),
                hc.devices(), hc.memoryReservation(), or(u.memorySwap(), hc.memorySwap()), hc.memorySwappiness(),
                hc.oomKillDisable(), u.pidsLimit() != null ? u.pidsLimit() : hc.pidsLimit(), hc.ulimits(), hc.mounts(),
                hc.maskedPaths(), hc.readonlyPaths(), hc.init());
    }

    private static UpdateContainer.Resources swapless(UpdateContainer.Resources u) {
        return new UpdateContainer.Resources(u.cpuShares(), u.memory(), u.nanoCpus(), u.cpuPeriod(), u.cpuQuota(),
                u.cpusetCpus(), u.cpusetMems(), u.blkioWeight(), u.kernelMemory(), u.memoryReservation(), 0,
                u.pidsLimit(), u.restartPolicy());
    }

    /** The limits to change on the running container: only those the update names. */
    static Resources changed(UpdateContainer.Resources u) {
        long period = u.cpuPeriod();
        long quota = u.cpuQuota();
        if (u.nanoCpus() > 0) {
            period = CPU_PERIOD;
            quota = u.nanoCpus() * CPU_PERIOD / 1_000_000_000L;
        }
        // dockerd reads a PidsLimit of 0 as "unlimited"; the runtime's 0 means "leave it"
        long pids = u.pidsLimit() == null ? 0 : u.pidsLimit() <= 0 ? -1 : u.pidsLimit();
        return new Resources(u.memory(), u.memorySwap(), u.cpuShares(), period, quota, pids);
    }

    /** Limits the runtime cannot change (it knows memory, swap, CPU shares and CFS, pids). */
    private static void refuseUnsupported(String id, UpdateContainer.Resources u) {
        String field = !u.cpusetCpus().isEmpty() ? "CpusetCpus" : !u.cpusetMems().isEmpty() ? "CpusetMems"
                : u.blkioWeight() != 0 ? "BlkioWeight" : u.kernelMemory() != 0 ? "KernelMemory"
                : u.memoryReservation() != 0 ? "MemoryReservation" : null;
        if (field != null) {
            throw cannot(id, field + " cannot be updated by this daemon");
        }
    }

    private static long or(long update, long current) {
        return update != 0 ? update : current;
    }

    private static InvalidParameterError cannot(String id, String message) {
        return new InvalidParameterError("Cannot update container " + id + ": " + message);
    }
}
